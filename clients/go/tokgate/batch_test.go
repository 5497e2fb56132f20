package tokgate_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	"github.com/tokgate/tokgate/clients/go/tokgate"
)

// TestStreamReturnsABatchEventByEvent feeds an EventStream a batch of three, a broken
// connection, then one unbatched event, with no server: Recv returns the four one by one, the
// position advances with each, and the resume goes on from the batch's last, batching kept.
func TestStreamReturnsABatchEventByEvent(t *testing.T) {
	live := &fakeLive{calls: []fakeCall{
		{responses: []*tokgatev1.StreamEventsResponse{{Events: liveEvents(1, 2, 3)}}, end: status.Error(codes.Unavailable, "cut")},
		{responses: []*tokgatev1.StreamEventsResponse{{Event: liveEvents(4)[0]}}, end: io.EOF},
	}}
	request := &tokgatev1.StreamEventsRequest{UniqueId: "someone", Batching: &tokgatev1.StreamBatching{MaxEvents: 3}}
	stream := tokgate.StreamEvents(context.Background(), live, request, tokgate.StreamOptions{Backoff: tokgate.Backoff{Initial: time.Millisecond}})
	defer stream.Close()

	for want := uint64(1); want <= 4; want++ {
		event, err := stream.Recv()
		if err != nil {
			t.Fatalf("event %d: %v", want, err)
		}
		if event.GetSequence() != want || stream.Position().GetSequence() != want {
			t.Fatalf("got event %d at position %d, want %d", event.GetSequence(), stream.Position().GetSequence(), want)
		}
	}
	if _, err := stream.Recv(); !errors.Is(err, io.EOF) {
		t.Fatalf("after the last event: %v, want io.EOF", err)
	}
	resumed := live.requests[1]
	if resumed.GetResumeFrom().GetSequence() != 3 || !proto.Equal(resumed.GetBatching(), request.GetBatching()) {
		t.Fatalf("resumed with %v, want from 3 with the same batching", resumed)
	}
}

func liveEvents(sequences ...uint64) []*tokgatev1.LiveEvent {
	events := make([]*tokgatev1.LiveEvent, len(sequences))
	for i, sequence := range sequences {
		events[i] = &tokgatev1.LiveEvent{Sequence: sequence, Epoch: "e1"}
	}
	return events
}

// fakeLive answers each StreamEvents call with the next of its calls, recording the requests.
type fakeLive struct {
	tokgatev1.LiveServiceClient
	calls    []fakeCall
	requests []*tokgatev1.StreamEventsRequest
}

func (f *fakeLive) StreamEvents(_ context.Context, request *tokgatev1.StreamEventsRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[tokgatev1.StreamEventsResponse], error) {
	f.requests = append(f.requests, request)
	call := f.calls[0]
	f.calls = f.calls[1:]
	return &call, nil
}

// fakeCall is a call that returns its responses, then end.
type fakeCall struct {
	grpc.ClientStream
	responses []*tokgatev1.StreamEventsResponse
	end       error
}

func (c *fakeCall) Recv() (*tokgatev1.StreamEventsResponse, error) {
	if len(c.responses) == 0 {
		return nil, c.end
	}
	response := c.responses[0]
	c.responses = c.responses[1:]
	return response, nil
}
