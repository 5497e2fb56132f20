package tokgate

import (
	"context"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
)

// Backoff is how a stream waits before resuming: full-jitter exponential backoff (uniform in
// [0, min(Max, Initial * Multiplier^(n-1))] after the n-th failure in a row), never shorter
// than the server's RetryInfo, and at most MaxAttempts failures in a row with no event in
// between. Zero fields take the defaults of DefaultBackoff.
type Backoff struct {
	MaxAttempts int
	Initial     time.Duration
	Max         time.Duration
	Multiplier  float64
}

// DefaultBackoff is the Python client's RetryPolicy: 5 attempts, 0.5 s doubling up to 30 s.
var DefaultBackoff = Backoff{MaxAttempts: 5, Initial: 500 * time.Millisecond, Max: 30 * time.Second, Multiplier: 2}

// Delay is the wait after the failures-th failure in a row (1 for the first), which was err.
func (b Backoff) Delay(failures int, err error) time.Duration {
	b = b.withDefaults()
	ceiling := math.Min(float64(b.Max), float64(b.Initial)*math.Pow(b.Multiplier, float64(failures-1)))
	delay := time.Duration(rand.Float64() * ceiling)
	if after, ok := RetryAfter(err); ok && after > delay {
		delay = after
	}
	return delay
}

func (b Backoff) withDefaults() Backoff {
	if b.MaxAttempts == 0 {
		b.MaxAttempts = DefaultBackoff.MaxAttempts
	}
	if b.Initial == 0 {
		b.Initial = DefaultBackoff.Initial
	}
	if b.Max == 0 {
		b.Max = DefaultBackoff.Max
	}
	if b.Multiplier == 0 {
		b.Multiplier = DefaultBackoff.Multiplier
	}
	return b
}

// StreamOptions are the options of StreamEvents.
type StreamOptions struct {
	// NoResume ends the stream with its first failure instead of resuming it.
	NoResume bool
	// Backoff paces the resumes (zero: DefaultBackoff).
	Backoff Backoff
	// CallOptions are passed to every StreamEvents call.
	CallOptions []grpc.CallOption
}

// EventStream is a StreamEvents stream that resumes by itself when it breaks
// (docs/design/streams.md §5.6). It keeps the position (sequence, epoch) of the last event it
// returned, of any kind; when the call fails UNAVAILABLE without an ErrorDetail (the
// connection broke) or with an ErrorDetail that says retryable (SLOW_CONSUMER included), it
// calls again with ResumeFrom set to that position, after a Backoff. tokgate then sends what
// was missed, or a StreamStatus with STREAM_STATE_RESUME_GAP first when it cannot. It does not
// resume after the stream ended OK (the LIVE ended) or after a failure that is not retryable.
type EventStream struct {
	ctx      context.Context
	live     tokgatev1.LiveServiceClient
	request  *tokgatev1.StreamEventsRequest
	opts     StreamOptions
	call     grpc.ServerStreamingClient[tokgatev1.StreamEventsResponse]
	cancel   context.CancelFunc
	pending  []*tokgatev1.LiveEvent // the rest of the last response's batch
	position *tokgatev1.StreamPosition
	failures int
	err      error
}

// StreamEvents streams the events of the streamer request names until the LIVE ends, resuming
// when the stream breaks. A request's ResumeFrom (a stored Position) is sent on the first call,
// so a program that restarts continues where it stopped. Cancel ctx, or call Close, to stop.
// A request's Batching asks for several events per message; Recv still returns them one by one,
// and Position advances with each.
//
//	stream := tokgate.StreamEvents(ctx, live, &tokgatev1.StreamEventsRequest{UniqueId: "someone"}, tokgate.StreamOptions{})
//	defer stream.Close()
//	for {
//		event, err := stream.Recv()
//		if err == io.EOF {
//			break // the LIVE ended
//		} else if err != nil {
//			return err // not retryable, or the attempts ran out
//		}
//		handle(event)
//		save(stream.Position())
//	}
func StreamEvents(ctx context.Context, live tokgatev1.LiveServiceClient, request *tokgatev1.StreamEventsRequest, opts StreamOptions) *EventStream {
	return &EventStream{
		ctx:      ctx,
		live:     live,
		request:  request,
		opts:     opts,
		position: request.GetResumeFrom(),
	}
}

// Recv returns the next event: io.EOF once the LIVE ended, or the error that ended the stream.
func (s *EventStream) Recv() (*tokgatev1.LiveEvent, error) {
	for s.err == nil {
		if len(s.pending) > 0 {
			event := s.pending[0]
			s.pending = s.pending[1:]
			s.position = &tokgatev1.StreamPosition{Sequence: event.GetSequence(), Epoch: event.GetEpoch()}
			s.failures = 0
			return event, nil
		}
		if s.call == nil {
			s.open()
			continue
		}
		response, err := s.call.Recv()
		if err != nil {
			s.closeCall()
			s.failed(err)
			continue
		}
		// A batch sets Events, else the one event is in Event.
		s.pending = response.GetEvents()
		if len(s.pending) == 0 {
			s.pending = []*tokgatev1.LiveEvent{response.GetEvent()}
		}
	}
	return nil, s.err
}

// Position is the sequence and epoch of the last event Recv returned (or the request's
// ResumeFrom before the first); nil when there is neither. Store it to resume after a restart.
func (s *EventStream) Position() *tokgatev1.StreamPosition {
	return s.position
}

// Close cancels the call; Recv then returns context.Canceled.
func (s *EventStream) Close() {
	s.closeCall()
	if s.err == nil {
		s.err = context.Canceled
	}
}

// open starts a call that resumes from the last position.
func (s *EventStream) open() {
	request := proto.CloneOf(s.request)
	request.ResumeFrom = s.position
	ctx, cancel := context.WithCancel(s.ctx)
	call, err := s.live.StreamEvents(ctx, request, s.opts.CallOptions...)
	if err != nil {
		cancel()
		s.failed(err)
		return
	}
	s.call, s.cancel = call, cancel
}

func (s *EventStream) closeCall() {
	if s.cancel != nil {
		s.cancel()
	}
	s.call, s.cancel = nil, nil
}

// failed ends the stream with err, or waits out the backoff before the next call.
func (s *EventStream) failed(err error) {
	s.failures++
	backoff := s.opts.Backoff.withDefaults()
	if errors.Is(err, io.EOF) || s.opts.NoResume || !Retryable(err) || s.failures >= backoff.MaxAttempts {
		s.err = err
		return
	}
	timer := time.NewTimer(backoff.Delay(s.failures, err))
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-s.ctx.Done():
		s.err = s.ctx.Err()
	}
}
