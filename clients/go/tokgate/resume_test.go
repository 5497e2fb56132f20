package tokgate_test

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	"github.com/tokgate/tokgate/clients/go/tokgate"
)

// eventsPerLeg is how many events each connection delivers before the proxy cuts it.
const eventsPerLeg = 15

var fast = tokgate.StreamOptions{Backoff: tokgate.Backoff{Initial: 50 * time.Millisecond, Max: 200 * time.Millisecond}}

// TestStreamResumesWithoutAHoleAfterTwoCuts streams sim_live through a proxy that resets the
// connection twice mid-stream: the stream resumes each time, and the sequence it returns has no
// hole and no duplicate, in one epoch.
func TestStreamResumesWithoutAHoleAfterTwoCuts(t *testing.T) {
	proxy := startCuttingProxy(t, serverAddr)
	live, _ := recordingClient(t, proxy.address())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	stream := tokgate.StreamEvents(ctx, live, &tokgatev1.StreamEventsRequest{UniqueId: "sim_live"}, fast)
	defer stream.Close()
	var events []*tokgatev1.LiveEvent
	perConnection := map[int]int{}
	for cuts := 0; ; {
		event, err := stream.Recv()
		if err != nil {
			t.Fatalf("after %d events and %d cuts: %v", len(events), cuts, err)
		}
		events = append(events, event)
		connection := proxy.connections()
		if perConnection[connection]++; perConnection[connection] != eventsPerLeg {
			continue
		}
		if cuts == 2 {
			break
		}
		if cut := proxy.cut(); cut != 1 {
			t.Fatalf("cut %d connections, want 1", cut)
		}
		cuts++
	}

	if len(perConnection) != 3 {
		t.Fatalf("events per connection %v, want 3 connections", perConnection)
	}
	assertConsecutive(t, events)
	last := events[len(events)-1]
	if position := stream.Position(); position.GetSequence() != last.GetSequence() || position.GetEpoch() != last.GetEpoch() {
		t.Errorf("Position() = %v, want the last event's %d/%s", position, last.GetSequence(), last.GetEpoch())
	}
}

func TestStreamSendsAStoredPositionOnItsFirstCall(t *testing.T) {
	live, requests := recordingClient(t, serverAddr)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	before := tokgate.StreamEvents(ctx, live, &tokgatev1.StreamEventsRequest{UniqueId: "sim_live"}, fast)
	for i := 0; i < 5; i++ {
		if _, err := before.Recv(); err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
	}
	before.Close()
	stored := before.Position()

	after := tokgate.StreamEvents(ctx, live, &tokgatev1.StreamEventsRequest{UniqueId: "sim_live", ResumeFrom: stored}, fast)
	defer after.Close()
	first, err := after.Recv()
	if err != nil {
		t.Fatalf("the first event after %v: %v", stored, err)
	}
	if sent := (*requests)[len(*requests)-1].GetResumeFrom(); !proto.Equal(sent, stored) {
		t.Errorf("sent resume_from %v, want %v", sent, stored)
	}
	if first.GetSequence() != stored.GetSequence()+1 || first.GetEpoch() != stored.GetEpoch() {
		t.Errorf("first event %d/%s, want the one after %v", first.GetSequence(), first.GetEpoch(), stored)
	}
}

func TestStreamDoesNotResumeAFailureThatIsNotRetryable(t *testing.T) {
	live, requests := recordingClient(t, serverAddr)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	stream := tokgate.StreamEvents(ctx, live, &tokgatev1.StreamEventsRequest{UniqueId: "sim_offline"}, fast)
	defer stream.Close()
	_, err := stream.Recv()
	expectKind(t, err, codes.FailedPrecondition, tokgatev1.ErrorKind_ERROR_KIND_USER_OFFLINE)
	if len(*requests) != 1 {
		t.Errorf("%d calls, want 1", len(*requests))
	}
}

func TestStreamWithoutResumeEndsWithTheCut(t *testing.T) {
	proxy := startCuttingProxy(t, serverAddr)
	live, requests := recordingClient(t, proxy.address())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	stream := tokgate.StreamEvents(ctx, live, &tokgatev1.StreamEventsRequest{UniqueId: "sim_live"}, tokgate.StreamOptions{NoResume: true})
	defer stream.Close()
	if _, err := stream.Recv(); err != nil {
		t.Fatalf("the first event: %v", err)
	}
	proxy.cut()
	var err error
	for err == nil {
		_, err = stream.Recv()
	}
	if _, hasDetail := tokgate.ErrorDetailFrom(err); !tokgate.Retryable(err) || hasDetail || errors.Is(err, io.EOF) {
		t.Errorf("err = %v, want UNAVAILABLE without a detail", err)
	}
	if len(*requests) != 1 {
		t.Errorf("%d calls, want 1", len(*requests))
	}
}

func TestBackoffIsFullJitterUnderItsCeilingAndHonoursRetryInfo(t *testing.T) {
	backoff := tokgate.Backoff{Initial: time.Second, Max: 5 * time.Second}
	broken := status.Error(codes.Unavailable, "connection reset")
	for failures, ceiling := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 10: 5 * time.Second} {
		longest := time.Duration(0)
		for i := 0; i < 200; i++ {
			delay := backoff.Delay(failures, broken)
			if delay < 0 || delay > ceiling {
				t.Fatalf("Delay(%d) = %v, outside [0, %v]", failures, delay, ceiling)
			}
			longest = max(longest, delay)
		}
		if longest < ceiling/2 {
			t.Errorf("Delay(%d) never above %v: not spread under %v", failures, longest, ceiling)
		}
	}
	if delay := backoff.Delay(1, rateLimited(t, true)); delay < 30*time.Second {
		t.Errorf("Delay = %v, want at least the RetryInfo's 30s", delay)
	}
	if !tokgate.Retryable(broken) {
		t.Error("UNAVAILABLE without a detail (a broken connection) is retryable")
	}
}

// assertConsecutive checks that, after the start state's CONNECTED (numbered when the room
// connected), every sequence follows the one before, in one epoch, with no RESUME_GAP.
func assertConsecutive(t *testing.T, events []*tokgatev1.LiveEvent) {
	t.Helper()
	body := events
	if events[0].GetConnected() != nil {
		body = events[1:]
	}
	for i, event := range body[1:] {
		if event.GetSequence() != body[i].GetSequence()+1 {
			t.Fatalf("sequence %d after %d", event.GetSequence(), body[i].GetSequence())
		}
	}
	for _, event := range events {
		if event.GetEpoch() == "" || event.GetEpoch() != events[0].GetEpoch() {
			t.Fatalf("epoch %q in a stream of epoch %q", event.GetEpoch(), events[0].GetEpoch())
		}
		if event.GetStatus().GetState() == tokgatev1.StreamState_STREAM_STATE_RESUME_GAP {
			t.Fatalf("a RESUME_GAP: %v", event)
		}
	}
}

// recordingClient is a LiveService client of address that records every StreamEvents request.
func recordingClient(t *testing.T, address string) (tokgatev1.LiveServiceClient, *[]*tokgatev1.StreamEventsRequest) {
	t.Helper()
	requests := &[]*tokgatev1.StreamEventsRequest{}
	record := func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		stream, err := streamer(ctx, desc, cc, method, opts...)
		return recordedStream{ClientStream: stream, requests: requests}, err
	}
	conn, err := tokgate.NewClient(address, tokgate.DialOptions{}, grpc.WithStreamInterceptor(record))
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	return tokgatev1.NewLiveServiceClient(conn), requests
}

type recordedStream struct {
	grpc.ClientStream
	requests *[]*tokgatev1.StreamEventsRequest
}

func (r recordedStream) SendMsg(message any) error {
	if request, ok := message.(*tokgatev1.StreamEventsRequest); ok {
		*r.requests = append(*r.requests, proto.CloneOf(request))
	}
	return r.ClientStream.SendMsg(message)
}

// cuttingProxy forwards each loopback connection to a server; cut resets every one it carries,
// so the client sees a broken connection (UNAVAILABLE) while the server keeps running.
type cuttingProxy struct {
	listener net.Listener
	upstream string
	mu       sync.Mutex
	open     []*net.TCPConn
	accepted int
}

func startCuttingProxy(t *testing.T, upstream string) *cuttingProxy {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	proxy := &cuttingProxy{listener: listener, upstream: upstream}
	go proxy.accept()
	t.Cleanup(func() {
		listener.Close()
		proxy.cut()
	})
	return proxy
}

func (p *cuttingProxy) address() string { return p.listener.Addr().String() }

// connections is how many connections the proxy accepted so far.
func (p *cuttingProxy) connections() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.accepted
}

// cut resets every open connection, both sides, and returns how many it cut.
func (p *cuttingProxy) cut() int {
	p.mu.Lock()
	open := p.open
	p.open = nil
	p.mu.Unlock()
	for _, conn := range open {
		conn.SetLinger(0) // close with RST, as a dead peer would
		conn.Close()
	}
	return len(open) / 2
}

func (p *cuttingProxy) accept() {
	for {
		client, err := p.listener.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.upstream)
		if err != nil {
			client.Close()
			continue
		}
		p.mu.Lock()
		p.open = append(p.open, client.(*net.TCPConn), server.(*net.TCPConn))
		p.accepted++
		p.mu.Unlock()
		go pump(client, server)
		go pump(server, client)
	}
}

func pump(from, to net.Conn) {
	io.Copy(to, from)
	from.Close()
	to.Close()
}
