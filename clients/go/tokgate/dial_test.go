package tokgate_test

import (
	"crypto/tls"
	"errors"
	"testing"

	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/tokgate/tokgate/clients/go/tokgate"
)

func TestAPIKeyGoesOverPlaintextOnlyToLoopback(t *testing.T) {
	loopback := []string{
		"127.0.0.1:50051", "127.1.2.3:50051", "localhost:50051", "[::1]:50051",
		"dns:///localhost:50051", "passthrough:///127.0.0.1:50051",
		"ipv4:127.0.0.1:50051,127.0.0.2:50052", "ipv6:[::1]:50051", "unix:///run/tokgate.sock",
	}
	for _, target := range loopback {
		conn, err := tokgate.NewClient(target, tokgate.DialOptions{APIKey: "key"})
		if err != nil {
			t.Errorf("NewClient(%q) with a key on loopback: %v", target, err)
			continue
		}
		conn.Close()
	}
	remote := []string{
		"10.0.0.1:50051", "tokgate.example:50051", "dns:///tokgate.example:50051",
		"ipv4:127.0.0.1:50051,10.0.0.2:50051", "[2001:db8::1]:50051", "0.0.0.0:50051",
	}
	for _, target := range remote {
		for _, creds := range []credentials.TransportCredentials{nil, insecure.NewCredentials()} {
			conn, err := tokgate.NewClient(target, tokgate.DialOptions{APIKey: "key", TLS: creds})
			if !errors.Is(err, tokgate.ErrAPIKeyOverPlaintext) {
				t.Errorf("NewClient(%q, plaintext) sends the key: err = %v", target, err)
			}
			if conn != nil {
				conn.Close()
			}
		}
	}
	allowed := []tokgate.DialOptions{
		{APIKey: "key", TLS: credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})},
		{APIKey: "key", AllowPlaintextAPIKey: true},
		{},
	}
	for _, opts := range allowed {
		conn, err := tokgate.NewClient("10.0.0.1:50051", opts)
		if err != nil {
			t.Errorf("NewClient with %+v: %v", opts, err)
			continue
		}
		conn.Close()
	}
}
