package tokgate_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/types/known/durationpb"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	"github.com/tokgate/tokgate/clients/go/tokgate"
)

func rateLimited(t *testing.T, retryInfo bool) error {
	t.Helper()
	details := []protoadapt.MessageV1{
		&tokgatev1.ErrorDetail{
			Kind:       tokgatev1.ErrorKind_ERROR_KIND_RATE_LIMIT,
			Error:      "Rate Limit Error",
			Message:    "429",
			Retryable:  true,
			RetryAfter: durationpb.New(12 * time.Second),
		},
		&errdetails.ErrorInfo{Reason: "RATE_LIMIT", Domain: tokgate.ErrorDomain},
	}
	if retryInfo {
		details = append(details, &errdetails.RetryInfo{RetryDelay: durationpb.New(30 * time.Second)})
	}
	st, err := status.New(codes.ResourceExhausted, "Rate Limit Error: 429").WithDetails(details...)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Errorf("calling tokgate: %w", st.Err())
}

func TestDecodesDetailInfoAndRetryFromAWrappedError(t *testing.T) {
	err := rateLimited(t, true)
	detail, ok := tokgate.ErrorDetailFrom(err)
	if !ok || detail.GetKind() != tokgatev1.ErrorKind_ERROR_KIND_RATE_LIMIT || detail.GetMessage() != "429" {
		t.Fatalf("detail = %v, %v", detail, ok)
	}
	if info, ok := tokgate.ErrorInfoFrom(err); !ok || info.GetReason() != "RATE_LIMIT" {
		t.Fatalf("info = %v, %v", info, ok)
	}
	if delay, ok := tokgate.RetryAfter(err); !ok || delay != 30*time.Second {
		t.Fatalf("RetryAfter = %v, %v; want RetryInfo's 30s", delay, ok)
	}
	if !tokgate.Retryable(err) || tokgate.KindName(detail.GetKind()) != "RATE_LIMIT" {
		t.Fatal("retryable RATE_LIMIT expected")
	}
}

func TestRetryAfterFallsBackToTheDetail(t *testing.T) {
	if delay, ok := tokgate.RetryAfter(rateLimited(t, false)); !ok || delay != 12*time.Second {
		t.Fatalf("RetryAfter = %v, %v; want the detail's 12s", delay, ok)
	}
}

func TestErrorDetailFromIgnoresPlainErrors(t *testing.T) {
	if _, ok := tokgate.ErrorDetailFrom(nil); ok {
		t.Error("nil error has a detail")
	}
	if _, ok := tokgate.ErrorDetailFrom(errors.New("plain")); ok {
		t.Error("plain error has a detail")
	}
	if _, ok := tokgate.ErrorDetailFrom(status.Error(codes.Unavailable, "no details")); ok {
		t.Error("status without details has a detail")
	}
}
