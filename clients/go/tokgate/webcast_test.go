package tokgate_test

import (
	"errors"
	"testing"

	"google.golang.org/protobuf/proto"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	webcastv1alpha "github.com/tokgate/tokgate/clients/go/gen/webcast/v1alpha"
	"github.com/tokgate/tokgate/clients/go/tokgate"
)

func TestDecodeOtherGivesTheMessageTypeNameNames(t *testing.T) {
	poll := &webcastv1alpha.WebcastPollMessage{MessageType: 1, PollId: 42}
	payload, err := proto.Marshal(poll)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := tokgate.DecodeOther(&tokgatev1.OtherEvent{TypeName: "WebcastPollMessage", Payload: payload})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := decoded.(*webcastv1alpha.WebcastPollMessage); !ok || !proto.Equal(decoded, poll) {
		t.Fatalf("decoded %T %v, want %v", decoded, decoded, poll)
	}
}

func TestDecodeOtherRefusesUnknownTypeNames(t *testing.T) {
	for _, typeName := range []string{"", "WebcastNewerMessage", "webcast.v1alpha.User", "User.Inner", "Webcast Chat"} {
		_, err := tokgate.DecodeOther(&tokgatev1.OtherEvent{TypeName: typeName, Payload: []byte{}})
		if !errors.Is(err, tokgate.ErrUnknownWebcastType) {
			t.Errorf("%q: err = %v, want ErrUnknownWebcastType", typeName, err)
		}
	}
}

func TestDecodeOtherReportsAPayloadThatDoesNotDecode(t *testing.T) {
	_, err := tokgate.DecodeOther(&tokgatev1.OtherEvent{TypeName: "WebcastChatMessage", Payload: []byte{0x1a, 0x10, 's'}})
	if err == nil || errors.Is(err, tokgate.ErrUnknownWebcastType) {
		t.Fatalf("err = %v, want a decoding error", err)
	}
}
