// Command tokgate-latency measures how late LIVE events reach subscribers: for each event it
// takes the time it is handed to the program (Recv) minus the event's received_at (when tokgate
// received it) and minus its created_at (when TikTok, or the simulator, created and sent it),
// and prints their percentiles as one JSON object. bench/bench_latency.py runs it against
// tokgate and against a bare grpc.aio server; a Go client keeps the client's own cost per
// message small, so the figures are the server's.
//
//	go run ./cmd/tokgate-latency -addr 127.0.0.1:50051 -room someone -subscribers 100 \
//	    -warm-up 3s -window 10s [-batch 50 -max-delay 50ms]
//
// Each subscriber is one StreamEvents call (the tokgate package's EventStream, which hands out
// a batch's events one by one), spread over -conns connections. Events are counted only
// inside the window, after the warm-up; tokgate's own events (CONNECTED, status events) are
// not timed, but the events an EVENTS_DROPPED notice says were lost are counted. -window-size
// sets gRPC's HTTP/2 windows (0: grpc-go's default, which probes the bandwidth-delay product
// with pings as data arrives).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	"github.com/tokgate/tokgate/clients/go/tokgate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/stats"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Percentiles of one delay, in microseconds.
type Percentiles struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50_us"`
	P99   float64 `json:"p99_us"`
	Max   float64 `json:"max_us"`
}

// Report is what the program prints.
type Report struct {
	Subscribers     int         `json:"subscribers"`
	WindowSeconds   float64     `json:"window_seconds"`
	Events          int         `json:"events"`
	Messages        int64       `json:"messages"`
	Dropped         uint64      `json:"dropped"`
	Failed          int         `json:"failed"`
	FirstError      string      `json:"first_error,omitempty"`
	ReceiptToClient Percentiles `json:"receipt_to_client"`
	CreatedToClient Percentiles `json:"created_to_client"`
	ClientCPU       float64     `json:"client_cpu_seconds"`
}

// subscriber is one stream's delays, in nanoseconds, taken while the window is open.
type subscriber struct {
	fromReceipt []int64
	fromCreated []int64
	dropped     uint64
	err         error
}

func main() {
	addr := flag.String("addr", "127.0.0.1:50051", "the server's gRPC address")
	room := flag.String("room", "", "the streamer (room) to subscribe to")
	subscribers := flag.Int("subscribers", 100, "concurrent StreamEvents calls")
	conns := flag.Int("conns", 4, "client connections the calls are spread over")
	batch := flag.Uint("batch", 0, "events per message (StreamBatching.max_events); 0: unbatched")
	maxDelay := flag.Duration("max-delay", 0, "StreamBatching.max_delay, with -batch")
	warmUp := flag.Duration("warm-up", 3*time.Second, "time before the window opens")
	windowSize := flag.Int("window-size", 0, "HTTP/2 stream and connection window in bytes (0: dynamic)")
	window := flag.Duration("window", 10*time.Second, "how long events are timed")
	flag.Parse()
	if *room == "" || *subscribers < 1 || *conns < 1 {
		flag.Usage()
		os.Exit(2)
	}
	request := &tokgatev1.StreamEventsRequest{UniqueId: *room}
	if *batch > 0 {
		request.Batching = &tokgatev1.StreamBatching{
			MaxEvents: uint32(*batch), MaxDelay: durationpb.New(*maxDelay),
		}
	}
	var dial []grpc.DialOption
	if *windowSize > 0 {
		dial = append(dial, grpc.WithInitialWindowSize(int32(*windowSize)), grpc.WithInitialConnWindowSize(int32(*windowSize)))
	}
	report, err := measure(*addr, request, *subscribers, *conns, *warmUp, *window, dial)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tokgate-latency:", err)
		os.Exit(1)
	}
	if err := json.NewEncoder(os.Stdout).Encode(report); err != nil {
		fmt.Fprintln(os.Stderr, "tokgate-latency:", err)
		os.Exit(1)
	}
}

func measure(addr string, request *tokgatev1.StreamEventsRequest, count, conns int, warmUp, window time.Duration, dial []grpc.DialOption) (*Report, error) {
	var timing atomic.Bool // the window is open
	messages := &messageCounter{timing: &timing}
	clients := make([]tokgatev1.LiveServiceClient, conns)
	for i := range clients {
		conn, err := tokgate.NewClient(addr, tokgate.DialOptions{}, append(dial, grpc.WithStatsHandler(messages))...)
		if err != nil {
			return nil, err
		}
		defer conn.Close()
		clients[i] = tokgatev1.NewLiveServiceClient(conn)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	subs := make([]*subscriber, count)
	var wg sync.WaitGroup
	for i := range subs {
		subs[i] = &subscriber{}
		wg.Add(1)
		go func(sub *subscriber, live tokgatev1.LiveServiceClient) {
			defer wg.Done()
			sub.err = sub.run(ctx, live, request, &timing)
		}(subs[i], clients[i%conns])
	}
	time.Sleep(warmUp)
	cpuBefore := cpuSeconds()
	timing.Store(true)
	time.Sleep(window)
	timing.Store(false)
	cpu := cpuSeconds() - cpuBefore
	cancel()
	wg.Wait()

	report := &Report{Subscribers: count, WindowSeconds: window.Seconds(), Messages: messages.count.Load(), ClientCPU: cpu}
	var fromReceipt, fromCreated []int64
	for _, sub := range subs {
		fromReceipt = append(fromReceipt, sub.fromReceipt...)
		fromCreated = append(fromCreated, sub.fromCreated...)
		report.Dropped += sub.dropped
		if sub.err != nil && !errors.Is(sub.err, context.Canceled) {
			report.Failed++
			if report.FirstError == "" {
				report.FirstError = sub.err.Error()
			}
		}
	}
	report.Events = len(fromReceipt)
	report.ReceiptToClient = percentiles(fromReceipt)
	report.CreatedToClient = percentiles(fromCreated)
	return report, nil
}

// run receives until ctx ends, timing each event while the window is open.
func (s *subscriber) run(ctx context.Context, live tokgatev1.LiveServiceClient, request *tokgatev1.StreamEventsRequest, timing *atomic.Bool) error {
	stream := tokgate.StreamEvents(ctx, live, request, tokgate.StreamOptions{NoResume: true})
	defer stream.Close()
	for {
		event, err := stream.Recv()
		if err == io.EOF {
			return errors.New("the stream ended (the LIVE ended)")
		} else if err != nil {
			if ctx.Err() != nil {
				return context.Canceled
			}
			return err
		}
		now := time.Now().UnixNano()
		if !timing.Load() {
			continue
		}
		if status := event.GetStatus(); status != nil {
			if status.GetState() == tokgatev1.StreamState_STREAM_STATE_EVENTS_DROPPED {
				s.dropped += status.GetDroppedCount()
			}
			continue
		}
		if event.GetConnected() != nil {
			continue // tokgate's own, as status events: no created_at
		}
		s.fromReceipt = append(s.fromReceipt, now-event.GetReceivedAt().AsTime().UnixNano())
		if created := event.GetCreatedAt(); created != nil {
			s.fromCreated = append(s.fromCreated, now-created.AsTime().UnixNano())
		}
	}
}

// messageCounter counts the response messages received while the window is open (a batch is
// one message, its events several).
type messageCounter struct {
	timing *atomic.Bool
	count  atomic.Int64
}

func (m *messageCounter) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context { return ctx }
func (m *messageCounter) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context {
	return ctx
}
func (m *messageCounter) HandleConn(context.Context, stats.ConnStats) {}
func (m *messageCounter) HandleRPC(_ context.Context, s stats.RPCStats) {
	if _, ok := s.(*stats.InPayload); ok && m.timing.Load() {
		m.count.Add(1)
	}
}

func percentiles(delays []int64) Percentiles {
	if len(delays) == 0 {
		return Percentiles{}
	}
	slices.Sort(delays)
	at := func(q float64) float64 {
		return float64(delays[min(len(delays)-1, int(q*float64(len(delays))))]) / 1e3
	}
	return Percentiles{Count: len(delays), P50: at(0.50), P99: at(0.99), Max: float64(delays[len(delays)-1]) / 1e3}
}

// cpuSeconds is this process's CPU time so far (user + system).
func cpuSeconds() float64 {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano()).Seconds()
}
