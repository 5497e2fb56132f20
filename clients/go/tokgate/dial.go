package tokgate

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

// DialOptions are the options of NewClient: an API key sent as "authorization: Bearer KEY"
// and TLS credentials (nil: plaintext, as on loopback).
type DialOptions struct {
	APIKey string
	TLS    credentials.TransportCredentials
}

// NewClient opens a client connection to tokgate at target ("host:port").
//
//	conn, err := tokgate.NewClient("127.0.0.1:50051", tokgate.DialOptions{APIKey: key})
//	live := tokgatev1.NewLiveServiceClient(conn)
func NewClient(target string, opts DialOptions, extra ...grpc.DialOption) (*grpc.ClientConn, error) {
	dial := []grpc.DialOption{}
	if opts.TLS != nil {
		dial = append(dial, grpc.WithTransportCredentials(opts.TLS))
	} else {
		dial = append(dial, grpc.WithTransportCredentials(insecure.NewCredentials()))
	}
	if opts.APIKey != "" {
		dial = append(dial, grpc.WithPerRPCCredentials(bearer{key: opts.APIKey}))
	}
	return grpc.NewClient(target, append(dial, extra...)...)
}

// bearer sends the API key on every call.
type bearer struct {
	key string
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.key}, nil
}

// RequireTransportSecurity is false so a key also works on loopback without TLS.
func (b bearer) RequireTransportSecurity() bool { return false }
