package tokgate

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

// ErrAPIKeyOverPlaintext is NewClient's error for an API key that would travel without TLS to
// a host that is not loopback: anyone on the path could read it.
var ErrAPIKeyOverPlaintext = errors.New(
	"tokgate: refusing to send an API key without TLS to a host that is not loopback " +
		"(set DialOptions.TLS, or AllowPlaintextAPIKey to send it anyway)")

// DialOptions are the options of NewClient: an API key sent as "authorization: Bearer KEY"
// and TLS credentials (nil: plaintext, as on loopback).
type DialOptions struct {
	APIKey string
	TLS    credentials.TransportCredentials
	// AllowPlaintextAPIKey sends APIKey without TLS to any host. Without it, NewClient
	// refuses an API key over plaintext except to loopback (127.0.0.0/8, ::1, localhost, a
	// unix socket), as grpc-go's own per-RPC credentials refuse insecure connections.
	AllowPlaintextAPIKey bool
}

// NewClient opens a client connection to tokgate at target ("host:port", or any gRPC target
// such as "dns:///host:port" or "ipv4:10.0.0.1:50051,10.0.0.2:50051").
//
//	conn, err := tokgate.NewClient("127.0.0.1:50051", tokgate.DialOptions{APIKey: key})
//	live := tokgatev1.NewLiveServiceClient(conn)
func NewClient(target string, opts DialOptions, extra ...grpc.DialOption) (*grpc.ClientConn, error) {
	secure := opts.TLS != nil && opts.TLS.Info().SecurityProtocol != "insecure"
	if opts.APIKey != "" && !secure && !opts.AllowPlaintextAPIKey && !loopbackTarget(target) {
		return nil, ErrAPIKeyOverPlaintext
	}
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

// loopbackTarget reports whether every address of a gRPC target is on this machine. A DNS
// name other than localhost is not: it may resolve anywhere.
func loopbackTarget(target string) bool {
	if strings.HasPrefix(target, "unix:") || strings.HasPrefix(target, "unix-abstract:") {
		return true
	}
	endpoint := target
	if parsed, err := url.Parse(target); err == nil && (parsed.Scheme == "dns" || parsed.Scheme == "passthrough") {
		endpoint = strings.TrimPrefix(parsed.Path, "/")
	}
	endpoint = strings.TrimPrefix(strings.TrimPrefix(endpoint, "ipv4:"), "ipv6:")
	for _, address := range strings.Split(endpoint, ",") {
		if !loopbackHost(address) {
			return false
		}
	}
	return true
}

func loopbackHost(address string) bool {
	host := address
	if h, _, err := net.SplitHostPort(address); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// bearer sends the API key on every call.
type bearer struct {
	key string
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.key}, nil
}

// RequireTransportSecurity is false so a key also works on loopback without TLS; NewClient
// refuses plaintext to any other host (ErrAPIKeyOverPlaintext).
func (b bearer) RequireTransportSecurity() bool { return false }
