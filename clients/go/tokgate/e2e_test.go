package tokgate_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	"github.com/tokgate/tokgate/clients/go/tokgate"
)

// serverAddr is the tokgate server the tests call: TOKGATE_ADDR when set, else a `tokgate
// serve` routed to a `tokgate sim` that TestMain starts on free loopback ports.
var serverAddr string

func TestMain(m *testing.M) {
	serverAddr = os.Getenv("TOKGATE_ADDR")
	var stop func()
	if serverAddr == "" {
		var err error
		if serverAddr, stop, err = startServerAndSimulator(); err != nil {
			fmt.Fprintln(os.Stderr, "starting tokgate:", err)
			os.Exit(1)
		}
	}
	code := m.Run()
	if stop != nil {
		stop()
	}
	os.Exit(code)
}

func TestStreamEventsDeliversEventsFromALiveStreamer(t *testing.T) {
	live := tokgatev1.NewLiveServiceClient(dial(t))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	stream, err := live.StreamEvents(ctx, &tokgatev1.StreamEventsRequest{UniqueId: "@sim_live"})
	if err != nil {
		t.Fatalf("StreamEvents: %v", err)
	}
	var last uint64
	for i := 0; i < 5; i++ {
		response, err := stream.Recv()
		if err != nil {
			t.Fatalf("event %d: %v (detail: %v)", i, err, detailOf(err))
		}
		event := response.GetEvent()
		if event.GetUniqueId() != "sim_live" || event.GetSequence() <= last {
			t.Fatalf("event %d: unique_id %q sequence %d after %d", i, event.GetUniqueId(),
				event.GetSequence(), last)
		}
		last = event.GetSequence()
	}
}

// TestEveryTypeArrivesTypedOrDecodable streams sim_every_event (one message of each of the 62
// types TikTokLive maps to events, then one of each message whose event depends on its content,
// on a loop) filtered to the 18 new typed events and OTHER: the stream opens with CONNECTED,
// every new typed event arrives (a pause and an unpause, both kinds of super fan), and every
// OtherEvent decodes with DecodeOther as the type it names.
func TestEveryTypeArrivesTypedOrDecodable(t *testing.T) {
	live := tokgatev1.NewLiveServiceClient(dial(t))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	want := map[string]tokgatev1.EventType{
		"question":      tokgatev1.EventType_EVENT_TYPE_QUESTION,
		"battle":        tokgatev1.EventType_EVENT_TYPE_BATTLE,
		"battle_armies": tokgatev1.EventType_EVENT_TYPE_BATTLE_ARMIES,
		"emote_chat":    tokgatev1.EventType_EVENT_TYPE_EMOTE_CHAT,
		"envelope":      tokgatev1.EventType_EVENT_TYPE_ENVELOPE,
		"subscribe":     tokgatev1.EventType_EVENT_TYPE_SUBSCRIBE,
		"sub_notify":    tokgatev1.EventType_EVENT_TYPE_SUB_NOTIFY,
		"poll":          tokgatev1.EventType_EVENT_TYPE_POLL,
		"goal_update":   tokgatev1.EventType_EVENT_TYPE_GOAL_UPDATE,
		"rank_update":   tokgatev1.EventType_EVENT_TYPE_RANK_UPDATE,
		"hourly_rank":   tokgatev1.EventType_EVENT_TYPE_HOURLY_RANK,
		"room_pin":      tokgatev1.EventType_EVENT_TYPE_ROOM_PIN,
		"caption":       tokgatev1.EventType_EVENT_TYPE_CAPTION,
		"live_intro":    tokgatev1.EventType_EVENT_TYPE_LIVE_INTRO,
		"barrage":       tokgatev1.EventType_EVENT_TYPE_BARRAGE,
		"live_pause":    tokgatev1.EventType_EVENT_TYPE_LIVE_PAUSE,
		"super_fan":     tokgatev1.EventType_EVENT_TYPE_SUPER_FAN,
		"social":        tokgatev1.EventType_EVENT_TYPE_SOCIAL,
	}
	types := []tokgatev1.EventType{tokgatev1.EventType_EVENT_TYPE_OTHER}
	for _, eventType := range want {
		types = append(types, eventType)
	}
	stream, err := live.StreamEvents(ctx, &tokgatev1.StreamEventsRequest{UniqueId: "sim_every_event", EventTypes: types})
	if err != nil {
		t.Fatalf("StreamEvents: %v", err)
	}
	first, err := stream.Recv()
	if err != nil {
		t.Fatalf("the first event: %v (detail: %v)", err, detailOf(err))
	}
	if first.GetEvent().GetConnected() == nil {
		t.Fatalf("the first event is not CONNECTED: %v", first.GetEvent())
	}
	seen := map[string]bool{}
	variants := map[string]bool{} // pause and unpause, a new super fan and one who joined
	others := 0
	for len(seen) < len(want) || len(variants) < 4 {
		response, err := stream.Recv()
		if err != nil {
			t.Fatalf("after %v %v: %v (detail: %v)", seen, variants, err, detailOf(err))
		}
		event := response.GetEvent()
		if other := event.GetOther(); other != nil {
			message, err := tokgate.DecodeOther(other)
			if err != nil {
				t.Fatalf("DecodeOther(%s): %v", other.GetTypeName(), err)
			}
			if name := string(message.ProtoReflect().Descriptor().Name()); name != other.GetTypeName() {
				t.Fatalf("DecodeOther(%s) gave a %s", other.GetTypeName(), name)
			}
			others++
			continue
		}
		member := event.ProtoReflect().WhichOneof(event.ProtoReflect().Descriptor().Oneofs().ByName("event"))
		if member == nil {
			t.Fatalf("an event with no member this client knows: %v", event)
		}
		name := string(member.Name())
		if _, wanted := want[name]; !wanted {
			t.Fatalf("%s arrived through a filter of %v", name, types)
		}
		seen[name] = true
		if pause := event.GetLivePause(); pause != nil {
			variants[fmt.Sprintf("paused=%v", pause.GetPaused())] = true
		}
		if superFan := event.GetSuperFan(); superFan != nil {
			variants[superFan.GetAction().String()] = true
		}
	}
	if others == 0 {
		t.Errorf("no OtherEvent arrived")
	}
}

func TestOfflineStreamerFailsWithUserOfflineDetail(t *testing.T) {
	live := tokgatev1.NewLiveServiceClient(dial(t))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	stream, err := live.StreamEvents(ctx, &tokgatev1.StreamEventsRequest{UniqueId: "sim_offline"})
	if err == nil {
		_, err = stream.Recv()
	}
	expectKind(t, err, codes.FailedPrecondition, tokgatev1.ErrorKind_ERROR_KIND_USER_OFFLINE)
}

func TestInvalidUsernameFailsWithInvalidArgumentDetail(t *testing.T) {
	live := tokgatev1.NewLiveServiceClient(dial(t))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	_, err := live.GetLiveStatus(ctx, &tokgatev1.GetLiveStatusRequest{UniqueId: "not a user!"})
	detail := expectKind(t, err, codes.InvalidArgument, tokgatev1.ErrorKind_ERROR_KIND_INVALID_ARGUMENT)
	if info, ok := tokgate.ErrorInfoFrom(err); !ok || info.GetReason() != "INVALID_ARGUMENT" ||
		info.GetDomain() != tokgate.ErrorDomain {
		t.Errorf("ErrorInfo = %v", info)
	}
	if detail.GetRetryable() || tokgate.Retryable(err) {
		t.Errorf("an invalid argument is not retryable")
	}
}

func expectKind(t *testing.T, err error, code codes.Code, kind tokgatev1.ErrorKind) *tokgatev1.ErrorDetail {
	t.Helper()
	if got := status.Code(err); got != code {
		t.Fatalf("code = %v, want %v (err: %v)", got, code, err)
	}
	detail, ok := tokgate.ErrorDetailFrom(err)
	if !ok {
		t.Fatalf("no ErrorDetail in %v", err)
	}
	if detail.GetKind() != kind || detail.GetError() == "" || detail.GetMessage() == "" {
		t.Fatalf("detail = %v, want kind %v with a title and message", detail, kind)
	}
	return detail
}

func detailOf(err error) any {
	if detail, ok := tokgate.ErrorDetailFrom(err); ok {
		return detail
	}
	return nil
}

func dial(t *testing.T) *grpc.ClientConn {
	t.Helper()
	conn, err := tokgate.NewClient(serverAddr, tokgate.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// startServerAndSimulator runs `tokgate sim` and `tokgate serve` from the repo's virtualenv
// (TOKGATE_BIN overrides the executable) and returns the server's address and a stop function
// that ends both processes by their pid.
func startServerAndSimulator() (string, func(), error) {
	tokgateBin := os.Getenv("TOKGATE_BIN")
	if tokgateBin == "" {
		root, err := filepath.Abs("../../..")
		if err != nil {
			return "", nil, err
		}
		tokgateBin = filepath.Join(root, ".venv", "bin", "tokgate")
	}
	dir, err := os.MkdirTemp("", "tokgate-go-test")
	if err != nil {
		return "", nil, err
	}
	var procs []*exec.Cmd
	stop := func() {
		for i := len(procs) - 1; i >= 0; i-- {
			terminate(procs[i])
		}
		os.RemoveAll(dir)
	}
	simPort, grpcPort, metricsPort := freePort(), freePort(), freePort()
	cert := filepath.Join(dir, "sim.pem")
	sim, err := start(dir, "sim", tokgateBin, "sim", "--port", fmt.Sprint(simPort), "--cert-out", cert)
	if err != nil {
		stop()
		return "", nil, err
	}
	procs = append(procs, sim)
	if err := waitFor(func() bool { return fileExists(cert) && dialable(fmt.Sprintf("127.0.0.1:%d", simPort)) }); err != nil {
		stop()
		return "", nil, fmt.Errorf("tokgate sim: %w\n%s", err, logs(dir, "sim"))
	}
	addr := fmt.Sprintf("127.0.0.1:%d", grpcPort)
	server, err := start(dir, "serve", tokgateBin, "serve", "--listen", addr,
		"--metrics-listen", fmt.Sprintf("127.0.0.1:%d", metricsPort),
		"--tiktok-upstream", fmt.Sprintf("https://127.0.0.1:%d", simPort), "--upstream-ca-file", cert)
	if err != nil {
		stop()
		return "", nil, err
	}
	procs = append(procs, server)
	if err := waitFor(func() bool { return serving(addr) }); err != nil {
		stop()
		return "", nil, fmt.Errorf("tokgate serve: %w\n%s", err, logs(dir, "serve"))
	}
	return addr, stop, nil
}

func start(dir, name, bin string, args ...string) (*exec.Cmd, error) {
	log, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		return nil, err
	}
	defer log.Close()
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Env = withoutTokgateEnv(os.Environ())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd, cmd.Start()
}

// terminate sends SIGTERM to the process it started, then SIGKILL after a grace period.
func terminate(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

func waitFor(ready func() bool) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if ready() {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("not ready after 60s")
}

func serving(addr string) bool {
	conn, err := tokgate.NewClient(addr, tokgate.DialOptions{})
	if err != nil {
		return false
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	answer, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	return err == nil && answer.GetStatus() == healthpb.HealthCheckResponse_SERVING
}

func freePort() int {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer listener.Close()
	return listener.Addr().(*net.TCPAddr).Port
}

func dialable(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		conn.Close()
	}
	return err == nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func logs(dir, name string) string {
	data, _ := os.ReadFile(filepath.Join(dir, name+".log"))
	return string(data)
}

func withoutTokgateEnv(env []string) []string {
	kept := env[:0:0]
	for _, kv := range env {
		if len(kv) < 8 || kv[:8] != "TOKGATE_" {
			kept = append(kept, kv)
		}
	}
	return kept
}
