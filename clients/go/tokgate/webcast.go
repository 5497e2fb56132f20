package tokgate

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	webcastv1alpha "github.com/tokgate/tokgate/clients/go/gen/webcast/v1alpha"
)

// ErrUnknownWebcastType is returned (wrapped) by DecodeOther for a type_name that names no
// message of webcast.v1alpha: a type TikTok added after this client's schema, or no webcast
// type at all.
var ErrUnknownWebcastType = errors.New("unknown webcast type")

// webcastPackage is TikTok's webcast wire as this client was generated with: derived from
// TikTokLive's pinned schema, unstable, outside tokgate's contract.
var webcastPackage = webcastv1alpha.File_webcast_v1alpha_webcast_proto.Package()

// DecodeOther decodes an OtherEvent's payload into the webcast.v1alpha message its type_name
// names (a *webcastv1alpha.WebcastPollMessage for "WebcastPollMessage", ...). It fails with
// ErrUnknownWebcastType when the schema has no such message, and with the protobuf error when
// the payload does not decode as it.
func DecodeOther(other *tokgatev1.OtherEvent) (proto.Message, error) {
	typeName := other.GetTypeName()
	name := protoreflect.Name(typeName)
	if !name.IsValid() {
		return nil, fmt.Errorf("type_name %q: %w", typeName, ErrUnknownWebcastType)
	}
	messageType, err := protoregistry.GlobalTypes.FindMessageByName(webcastPackage.Append(name))
	if err != nil {
		return nil, fmt.Errorf("type_name %q is not a message of %s: %w", typeName, webcastPackage, ErrUnknownWebcastType)
	}
	message := messageType.New().Interface()
	if err := proto.Unmarshal(other.GetPayload(), message); err != nil {
		return nil, fmt.Errorf("%s payload (%d bytes) does not decode: %w", typeName, len(other.GetPayload()), err)
	}
	return message, nil
}
