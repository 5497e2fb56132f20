package tokgate_test

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	"github.com/tokgate/tokgate/clients/go/tokgate"
)

// retryableCase is a row of tests/clients/retryable.json, the table of docs/clients.md that
// the three clients are tested against.
type retryableCase struct {
	Condition       string       `json:"condition"`
	Codes           []codes.Code `json:"codes"` // gRPC names, e.g. "UNAVAILABLE"
	Refused         bool         `json:"refused"`
	DetailRetryable *bool        `json:"detail_retryable"`
	Retryable       bool         `json:"retryable"`
}

func retryableTable(t *testing.T) []retryableCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "tests", "clients", "retryable.json"))
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []retryableCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatal(err)
	}
	return table.Cases
}

// refusedCall is a real call to a loopback port where nothing listens.
func refusedCall(t *testing.T) error {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	address := listener.Addr().String()
	listener.Close()
	conn, err := tokgate.NewClient(address, tokgate.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = tokgatev1.NewUserServiceClient(conn).GetUser(ctx, &tokgatev1.GetUserRequest{UniqueId: "someone"})
	return err
}

// statusError is a failure with code, carrying an ErrorDetail when the row has one.
func statusError(t *testing.T, code codes.Code, row retryableCase) error {
	t.Helper()
	st := status.New(code, row.Condition)
	if row.DetailRetryable == nil {
		return st.Err()
	}
	st, err := st.WithDetails(&tokgatev1.ErrorDetail{Retryable: *row.DetailRetryable})
	if err != nil {
		t.Fatal(err)
	}
	return st.Err()
}

func TestRetryableFollowsTheSharedTable(t *testing.T) {
	for _, row := range retryableTable(t) {
		var failures []error
		if row.Refused {
			err := refusedCall(t)
			if !slices.Contains(row.Codes, status.Code(err)) {
				t.Errorf("%s: the call failed %v, want one of %v", row.Condition, err, row.Codes)
			}
			failures = append(failures, err)
		} else {
			for _, code := range row.Codes {
				failures = append(failures, statusError(t, code, row))
			}
		}
		for _, err := range failures {
			if got := tokgate.Retryable(err); got != row.Retryable {
				t.Errorf("%s: Retryable(%v) = %v, want %v", row.Condition, err, got, row.Retryable)
			}
		}
	}
}
