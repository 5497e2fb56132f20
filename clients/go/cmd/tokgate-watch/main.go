// Command tokgate-watch prints the LIVE events of one streamer from a tokgate server, and a
// failure as its typed ErrorDetail (kind, message, causes, suggestions).
//
//	go run ./cmd/tokgate-watch -addr 127.0.0.1:50051 @someone
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	tokgatev1 "github.com/tokgate/tokgate/clients/go/gen/tokgate/v1"
	"github.com/tokgate/tokgate/clients/go/tokgate"
)

func main() {
	addr := flag.String("addr", envOr("TOKGATE_ADDR", "127.0.0.1:50051"), "tokgate's gRPC address")
	apiKey := flag.String("api-key", os.Getenv("TOKGATE_API_KEY"), "API key (Bearer)")
	wait := flag.Bool("wait", false, "wait until the streamer goes live")
	types := flag.String("types", "", "comma-separated event types (comment,gift,like,...)")
	limit := flag.Int("n", 0, "stop after this many events (0: until the LIVE ends)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: tokgate-watch [flags] @username\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, *addr, *apiKey, flag.Arg(0), *wait, *types, *limit))
}

func run(ctx context.Context, addr, apiKey, user string, wait bool, types string, limit int) int {
	conn, err := tokgate.NewClient(addr, tokgate.DialOptions{APIKey: apiKey})
	if err != nil {
		fmt.Fprintln(os.Stderr, "tokgate-watch:", err)
		return 1
	}
	defer conn.Close()
	request := &tokgatev1.StreamEventsRequest{UniqueId: user, WaitUntilLive: wait}
	for _, name := range strings.Split(types, ",") {
		if name = strings.TrimSpace(name); name != "" {
			value, ok := tokgatev1.EventType_value["EVENT_TYPE_"+strings.ToUpper(name)]
			if !ok {
				fmt.Fprintln(os.Stderr, "tokgate-watch: unknown event type", name)
				return 2
			}
			request.EventTypes = append(request.EventTypes, tokgatev1.EventType(value))
		}
	}
	// A stream that resumes by itself from its last event when the connection breaks.
	stream := tokgate.StreamEvents(ctx, tokgatev1.NewLiveServiceClient(conn), request, tokgate.StreamOptions{})
	defer stream.Close()
	for seen := 0; err == nil && (limit == 0 || seen < limit); seen++ {
		var event *tokgatev1.LiveEvent
		if event, err = stream.Recv(); err == nil {
			fmt.Println(describe(event))
		}
	}
	switch {
	case err == nil, errors.Is(err, io.EOF), ctx.Err() != nil:
		return 0
	default:
		printError(err)
		return 1
	}
}

func describe(event *tokgatev1.LiveEvent) string {
	prefix := fmt.Sprintf("#%-6d", event.GetSequence())
	switch e := event.GetEvent().(type) {
	case *tokgatev1.LiveEvent_Comment:
		return fmt.Sprintf("%s %s: %s", prefix, e.Comment.GetUser().GetNickname(), e.Comment.GetText())
	case *tokgatev1.LiveEvent_Gift:
		g := e.Gift
		return fmt.Sprintf("%s %s sent %s x%d (%s)", prefix, g.GetUser().GetNickname(),
			g.GetGiftName(), g.GetRepeatCount(), g.GetStreakState())
	case *tokgatev1.LiveEvent_Like:
		return fmt.Sprintf("%s %s liked x%d (total %d)", prefix, e.Like.GetUser().GetNickname(),
			e.Like.GetCount(), e.Like.GetTotalLikes())
	case *tokgatev1.LiveEvent_ViewerCount:
		return fmt.Sprintf("%s viewers: %d", prefix, e.ViewerCount.GetViewerCount())
	case *tokgatev1.LiveEvent_Connected:
		return fmt.Sprintf("%s connected to room %s", prefix, e.Connected.GetRoomId())
	case *tokgatev1.LiveEvent_Status:
		return fmt.Sprintf("%s [%s] %s", prefix, e.Status.GetState(), e.Status.GetMessage())
	case *tokgatev1.LiveEvent_Other:
		return fmt.Sprintf("%s (%s, %d bytes)", prefix, e.Other.GetTypeName(), len(e.Other.GetPayload()))
	default:
		return fmt.Sprintf("%s %v", prefix, event.GetEvent())
	}
}

func printError(err error) {
	detail, ok := tokgate.ErrorDetailFrom(err)
	if !ok {
		fmt.Fprintln(os.Stderr, "error:", err)
		return
	}
	fmt.Fprintf(os.Stderr, "%s [%s]: %s\n", detail.GetError(), tokgate.KindName(detail.GetKind()),
		detail.GetMessage())
	for _, cause := range detail.GetPossibleCauses() {
		fmt.Fprintln(os.Stderr, "  cause:", cause)
	}
	for _, suggestion := range detail.GetSuggestions() {
		fmt.Fprintln(os.Stderr, "  try:  ", suggestion)
	}
	if delay, ok := tokgate.RetryAfter(err); ok {
		fmt.Fprintln(os.Stderr, "  retry after", delay)
	}
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}
