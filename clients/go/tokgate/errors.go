// Package tokgate helps Go programs call tokgate: it reads the typed ErrorDetail that every
// failed tokgate call carries, and sets up connections with an API key.
//
// A failed call ends with a google.rpc.Status whose details hold a tokgatev1.ErrorDetail, a
// google.rpc.ErrorInfo (reason = the kind's name, domain "tokgate") and, where a delay is
// known, a google.rpc.RetryInfo:
//
//	_, err := users.GetUser(ctx, &tokgatev1.GetUserRequest{UniqueId: "someone"})
//	if detail, ok := tokgate.ErrorDetailFrom(err); ok {
//		switch detail.GetKind() {
//		case tokgatev1.ErrorKind_ERROR_KIND_USER_NOT_FOUND:
//			fmt.Println("no such user:", detail.GetMessage())
//		case tokgatev1.ErrorKind_ERROR_KIND_RATE_LIMIT:
//			delay, _ := tokgate.RetryAfter(err)
//			time.Sleep(delay)
//		}
//	}
package tokgate

import (
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
)

// ErrorDomain is the google.rpc.ErrorInfo domain of tokgate's errors.
const ErrorDomain = "tokgate"

// ErrorDetailFrom returns the ErrorDetail carried by err's gRPC status, if there is one.
// err may be wrapped (errors.As is used through status.FromError).
func ErrorDetailFrom(err error) (*tokgatev1.ErrorDetail, bool) {
	for _, d := range details(err) {
		if detail, ok := d.(*tokgatev1.ErrorDetail); ok {
			return detail, true
		}
	}
	return nil, false
}

// ErrorInfoFrom returns the google.rpc.ErrorInfo of err's status, if there is one.
func ErrorInfoFrom(err error) (*errdetails.ErrorInfo, bool) {
	for _, d := range details(err) {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info, true
		}
	}
	return nil, false
}

// RetryAfter returns how long to wait before retrying err: the RetryInfo delay, else the
// ErrorDetail's retry_after. ok is false when neither is set.
func RetryAfter(err error) (delay time.Duration, ok bool) {
	for _, d := range details(err) {
		if info, isRetry := d.(*errdetails.RetryInfo); isRetry && info.GetRetryDelay() != nil {
			return info.GetRetryDelay().AsDuration(), true
		}
	}
	if detail, found := ErrorDetailFrom(err); found && detail.GetRetryAfter() != nil {
		return detail.GetRetryAfter().AsDuration(), true
	}
	return 0, false
}

// Retryable reports whether retrying err can succeed: as the server classified it, or, for a
// failure without an ErrorDetail, when it is UNAVAILABLE (the server could not be reached or
// the connection broke), as the Python and Node clients read it.
func Retryable(err error) bool {
	if detail, ok := ErrorDetailFrom(err); ok {
		return detail.GetRetryable()
	}
	return status.Code(err) == codes.Unavailable
}

// KindName returns the kind without its prefix, e.g. "RATE_LIMIT" (the ErrorInfo reason).
func KindName(kind tokgatev1.ErrorKind) string {
	return strings.TrimPrefix(kind.String(), "ERROR_KIND_")
}

func details(err error) []any {
	if err == nil {
		return nil
	}
	st, ok := status.FromError(err)
	if !ok {
		return nil
	}
	return st.Details()
}
