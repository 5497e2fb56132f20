// The overlay: one streamer's chat, gifts (with streaks), likes and viewer count, streamed
// from tokgate's web port over Connect. Everything it needs comes from the page's query
// string: ?streamer=NAME&token=tgt_...[&server=http://HOST:PORT]. The token is a scoped,
// read-only, expiring one (`tokgate token mint`), never an API key: anyone who can open the
// page can read it.
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import {
  ErrorKindSchema,
  ErrorDetailSchema,
  type ErrorDetail,
} from "../../../clients/node/gen/tokgate/v1/errors_pb.js";
import {
  EventType,
  GiftStreakState,
  LiveService,
  type GiftEvent,
  type LiveEvent,
  type LiveUser,
} from "../../../clients/node/gen/tokgate/v1/live_pb.js";

const CHAT_LINES = 8;
const GIFT_LINES = 6;
const RETRY_SECONDS = 5;
const WATCHED = [EventType.COMMENT, EventType.GIFT, EventType.LIKE, EventType.VIEWER_COUNT];

/** What the page was given: where tokgate is, whom to watch, with which token. */
interface Settings {
  server: string;
  streamer: string;
  token: string;
}

/** A failure as the overlay shows it: the ErrorDetail's kind and message when tokgate sent
 * one, else the page's own reason. */
interface ShownError {
  kind: string;
  message: string;
  retryable: boolean;
  retryAfterSeconds: number;
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found;
}

function settingsFrom(query: URLSearchParams): Settings | ShownError {
  const streamer = (query.get("streamer") ?? "").replace(/^@/, "");
  const token = query.get("token") ?? "";
  const server = query.get("server") ?? window.location.origin;
  const page = (message: string): ShownError => ({
    kind: "OVERLAY_SETTINGS",
    message,
    retryable: false,
    retryAfterSeconds: 0,
  });
  if (!streamer) return page("add ?streamer=NAME to the page's address");
  if (!token) return page("add &token=tgt_... (mint one with `tokgate token mint`)");
  if (!token.startsWith("tgt_")) {
    return page("that is not a scoped token: never put an API key in a page; use `tokgate token mint`");
  }
  return { server, streamer, token };
}

function shownError(reason: unknown): ShownError {
  const error = ConnectError.from(reason);
  const [detail]: ErrorDetail[] = error.findDetails(ErrorDetailSchema);
  if (detail === undefined) {
    // No ErrorDetail: tokgate could not be reached, or something before it answered.
    return {
      kind: `CONNECT_${Code[error.code].toUpperCase()}`,
      message: error.rawMessage,
      retryable: error.code === Code.Unavailable,
      retryAfterSeconds: RETRY_SECONDS,
    };
  }
  return {
    kind: ErrorKindSchema.value[detail.kind]?.name ?? String(detail.kind),
    message: detail.message || error.rawMessage,
    retryable: detail.retryable,
    retryAfterSeconds: Number(detail.retryAfter?.seconds ?? 0n) || RETRY_SECONDS,
  };
}

function showError(shown: ShownError | null): void {
  const box = element("error");
  box.hidden = shown === null;
  box.dataset.kind = shown?.kind ?? "";
  element("error-kind").textContent = shown?.kind ?? "";
  element("error-message").textContent = shown?.message ?? "";
}

function name(user: LiveUser | undefined): string {
  return user?.nickname || user?.uniqueId || "someone";
}

function prepend(list: HTMLElement, line: HTMLElement, keep: number): void {
  list.prepend(line);
  while (list.children.length > keep) list.lastElementChild?.remove();
}

/** The overlay's state: the lines on screen and the counters. */
class Overlay {
  private likes = 0n;
  private readonly streaks = new Map<string, HTMLElement>();

  show(event: LiveEvent): void {
    const kind = event.event;
    switch (kind.case) {
      case "comment": {
        const line = document.createElement("li");
        line.className = "chat";
        const who = document.createElement("b");
        who.textContent = name(kind.value.user);
        line.append(who, ` ${kind.value.text}`);
        prepend(element("chat"), line, CHAT_LINES);
        break;
      }
      case "gift":
        this.gift(kind.value);
        break;
      case "like":
        this.likes = kind.value.totalLikes > 0n ? kind.value.totalLikes : this.likes + BigInt(kind.value.count);
        element("likes").textContent = this.likes.toLocaleString("en");
        break;
      case "viewerCount":
        element("viewers").textContent = kind.value.viewerCount.toLocaleString("en");
        break;
      default:
        break;
    }
  }

  /** A streak is one line, updated as its count grows, until TikTok says it ended. */
  private gift(gift: GiftEvent): void {
    const key = gift.groupId || `${gift.user?.userId}:${gift.giftId}`;
    let line = this.streaks.get(key);
    if (line === undefined || !line.isConnected) {
      line = document.createElement("li");
      prepend(element("gifts"), line, GIFT_LINES);
    }
    const streaking = gift.streakState === GiftStreakState.IN_PROGRESS;
    line.className = streaking ? "gift streaking" : "gift";
    line.dataset.count = String(gift.repeatCount);
    line.textContent = `${name(gift.user)} sent ${gift.giftName} ×${gift.repeatCount}`;
    if (streaking) this.streaks.set(key, line);
    else this.streaks.delete(key);
  }
}

async function watch(settings: Settings, overlay: Overlay): Promise<void> {
  const transport = createConnectTransport({
    baseUrl: settings.server,
    useBinaryFormat: true,
    interceptors: [
      (next) => (request) => {
        request.header.set("authorization", `Bearer ${settings.token}`);
        return next(request);
      },
    ],
  });
  const live = createClient(LiveService, transport);
  element("streamer").textContent = `@${settings.streamer}`;
  for (;;) {
    try {
      const stream = live.streamEvents({ uniqueId: settings.streamer, eventTypes: WATCHED });
      for await (const response of stream) {
        showError(null);
        for (const event of response.event ? [response.event] : response.events) overlay.show(event);
      }
      return; // the LIVE ended
    } catch (reason) {
      const shown = shownError(reason);
      showError(shown);
      if (!shown.retryable) return;
      await new Promise((resume) => setTimeout(resume, shown.retryAfterSeconds * 1000));
    }
  }
}

const settings = settingsFrom(new URLSearchParams(window.location.search));
if ("kind" in settings) showError(settings);
else void watch(settings, new Overlay());
