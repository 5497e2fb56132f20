//! The compiled message types, each read in place into its contract LiveEvent member's bytes
//! (server/tokgate/live/webcast_events.py's conversions, byte for byte).

use crate::schema::{self, fields, valid, valid_but, Value};
use crate::user::{add_identity, live_user};
use crate::wire::{
    first_url, int32, last_string, once, put_bytes, put_int, put_message, put_string, text,
};

// The contract's EventType of a LiveEvent member: its field number minus 9.
pub(crate) const MEMBER_TO_EVENT_TYPE: u32 = 9;
// LiveEvent's members (live.proto).
const COMMENT: u32 = 10;
const GIFT: u32 = 11;
const LIKE: u32 = 12;
const JOIN: u32 = 13;
const FOLLOW: u32 = 14;
const SHARE: u32 = 15;
const VIEWER_COUNT: u32 = 16;
const OTHER: u32 = 20;
const EMOTE_CHAT: u32 = 24;
const SOCIAL: u32 = 38;
// TikTokLive's FollowEvent and ShareEvent: a marker in a social message's display type, in order.
const SOCIAL_MARKERS: [(&str, u32); 2] = [("follow", FOLLOW), ("share", SHARE)];
// TikTokLive: a gift can streak when its type is 1 (ExtendedGift.streakable); GiftStreakState.
const STREAKABLE_GIFT_TYPE: i32 = 1;
const STREAK_IN_PROGRESS: i64 = 1;
const STREAK_ENDED: i64 = 2;
const STREAK_NOT_STREAKABLE: i64 = 3;

/// What a message of these types says: its header (`common`, field 1), its user, and the
/// fields of its type.
#[derive(Default)]
struct Read<'a> {
    common: Option<&'a [u8]>,
    user: Option<&'a [u8]>,
    identity: Option<&'a [u8]>,
    content: &'a [u8],
    count: i32,
    total: i64,
    gift: Option<&'a [u8]>,
    gift_id: i64,
    repeat_end: i32,
    group_id: i64,
    emotes: Vec<&'a [u8]>,
}

/// What a room's gift catalogue says of a gift: its name, diamonds and image (live/gifts.py).
pub(crate) struct Listed {
    pub(crate) name: String,
    pub(crate) diamonds: i32,
    pub(crate) image_url: String,
}

/// The room's gift catalogue, by gift id (None when the room holds none).
pub(crate) type Catalogue<'a> = &'a dyn Fn(i64) -> Option<Listed>;

/// The room's known users (its UserCache): a user's LiveUser bytes (before a message's word on
/// it) when these exact bytes were checked and converted here before, else None.
pub(crate) type Known<'a> = &'a dyn Fn(&[u8]) -> Option<Vec<u8>>;

/// A gift message's GiftEvent fields after its user (webcast_events.gift), the name, diamonds
/// and image it left empty completed from `catalogue` (gifts.fill_gift).
fn write_gift(body: &mut Vec<u8>, read: &Read<'_>, catalogue: Catalogue<'_>) -> Option<()> {
    let (mut id, mut gift_type, mut diamonds, mut name, mut image) = (0i64, 0, 0, "", None);
    for (number, value) in fields(read.gift.unwrap_or(b"")) {
        match (number, value) {
            (1, Value::Bytes(bytes)) => once(&mut image, bytes)?,
            (5, Value::Varint(value)) => id = value as i64,
            (11, Value::Varint(value)) => gift_type = int32(value),
            (12, Value::Varint(value)) => diamonds = int32(value),
            (16, Value::Bytes(bytes)) => name = text(bytes)?,
            _ => {}
        }
    }
    let mut image_url = image.map_or(Some(""), first_url)?;
    let gift_id = if read.gift_id != 0 { read.gift_id } else { id };
    let listed = if name.is_empty() || diamonds == 0 || image_url.is_empty() {
        catalogue(gift_id)
    } else {
        None
    };
    if let Some(listed) = &listed {
        if name.is_empty() {
            name = &listed.name;
        }
        if diamonds == 0 {
            diamonds = listed.diamonds;
        }
        if image_url.is_empty() {
            image_url = &listed.image_url;
        }
    }
    put_int(body, 2, gift_id);
    put_string(body, 3, name);
    put_int(body, 4, i64::from(diamonds));
    put_int(body, 5, i64::from(read.count));
    let streak = if gift_type != STREAKABLE_GIFT_TYPE {
        STREAK_NOT_STREAKABLE
    } else if read.repeat_end != 0 {
        STREAK_ENDED
    } else {
        STREAK_IN_PROGRESS
    };
    put_int(body, 6, streak);
    if read.group_id != 0 {
        put_string(body, 7, &read.group_id.to_string());
    }
    put_string(body, 8, image_url);
    Some(())
}

/// The header's creation time (ms) and display type (`display_text.key`).
fn read_common(common: Option<&[u8]>) -> Option<(i64, &str)> {
    let Some(common) = common else {
        return Some((0, ""));
    };
    let (mut created_ms, mut display_text) = (0, None);
    for (number, value) in fields(common) {
        match (number, value) {
            (4, Value::Varint(value)) => created_ms = value as i64,
            (8, Value::Bytes(bytes)) => once(&mut display_text, bytes)?,
            _ => {}
        }
    }
    Some((
        created_ms,
        display_text.map_or(Some(""), |text| last_string(text, 1))?,
    ))
}

/// What a decoded message is: its LiveEvent member (field number and body), when TikTok
/// created it, and its user as sent and as converted (before the message's word on it), which
/// the room's UserCache keeps: None when it was known already, and for a viewer count and an
/// OTHER, which have none.
pub(crate) struct Decoded<'a> {
    pub(crate) member: u32,
    pub(crate) body: Vec<u8>,
    pub(crate) created_ms: i64,
    pub(crate) user: Option<(&'a [u8], Vec<u8>)>,
}

/// A member's body: its user (LiveUser bytes), then `rest`.
fn with_user(user: &[u8], rest: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut body = Vec::with_capacity(user.len() + 64);
    put_message(&mut body, 1, user);
    rest(&mut body);
    body
}

/// A compiled type's message, by its type name: its schema message and its user's field.
fn compiled(method: &str) -> Option<(usize, u32)> {
    Some(match method {
        "WebcastChatMessage" => (schema::CHAT, 2),
        "WebcastGiftMessage" => (schema::GIFT, 7),
        "WebcastLikeMessage" => (schema::LIKE, 5),
        "WebcastMemberMessage" => (schema::MEMBER, 2),
        "WebcastSocialMessage" => (schema::SOCIAL, 2),
        "WebcastEmoteChatMessage" => (schema::EMOTE_CHAT, 2),
        "WebcastRoomUserSeqMessage" => (schema::ROOM_USER_SEQ, 0),
        _ => return None,
    })
}

/// The webcast message types `read_message` reads.
pub(crate) const METHODS: [&str; 7] = [
    "WebcastChatMessage",
    "WebcastGiftMessage",
    "WebcastLikeMessage",
    "WebcastMemberMessage",
    "WebcastSocialMessage",
    "WebcastEmoteChatMessage",
    "WebcastRoomUserSeqMessage",
];

/// One emote of an emote chat as the contract's LiveEmote (webcast_events.emote_chat).
fn write_emote(body: &mut Vec<u8>, emote: &[u8]) -> Option<()> {
    let (mut emote_id, mut image) = ("", None);
    for (number, value) in fields(emote) {
        match (number, value) {
            (1, Value::Bytes(bytes)) => emote_id = text(bytes)?,
            (2, Value::Bytes(bytes)) => once(&mut image, bytes)?,
            _ => {}
        }
    }
    let mut written = Vec::with_capacity(emote_id.len() + 128);
    put_string(&mut written, 1, emote_id);
    put_string(&mut written, 2, image.map_or(Some(""), first_url)?);
    put_message(body, 2, &written);
    Some(())
}

/// A message of a compiled type (`METHODS`) as its LiveEvent member; None for another type, and
/// for a message this decoder hands back to the Python one.
pub(crate) fn read_message<'a>(
    method: &str,
    payload: &'a [u8],
    catalogue: Catalogue<'_>,
    known: Known<'_>,
) -> Option<Decoded<'a>> {
    let (message, user_field) = compiled(method)?;
    // The user is checked apart: a repeat viewer's was checked before (`known`).
    if !valid_but(payload, message, 0, user_field) {
        return None;
    }
    let mut read = Read::default();
    for (number, value) in fields(payload) {
        match (number, value) {
            (1, Value::Bytes(bytes)) => once(&mut read.common, bytes)?,
            (number, Value::Bytes(bytes)) if number == user_field => once(&mut read.user, bytes)?,
            (3, Value::Bytes(bytes)) if message == schema::CHAT => read.content = bytes,
            (18, Value::Bytes(bytes)) if message == schema::CHAT => {
                once(&mut read.identity, bytes)?
            }
            (2, Value::Varint(value)) if message == schema::LIKE => read.count = int32(value),
            (3, Value::Varint(value)) if message == schema::LIKE => read.total = value as i64,
            (4, Value::Varint(value)) if message == schema::SOCIAL => read.total = value as i64,
            (2, Value::Varint(value)) if message == schema::GIFT => read.gift_id = value as i64,
            (5, Value::Varint(value)) if message == schema::GIFT => read.count = int32(value),
            (9, Value::Varint(value)) if message == schema::GIFT => read.repeat_end = int32(value),
            (11, Value::Varint(value)) if message == schema::GIFT => read.group_id = value as i64,
            (15, Value::Bytes(bytes)) if message == schema::GIFT => once(&mut read.gift, bytes)?,
            (32, Value::Bytes(bytes)) if message == schema::GIFT => {
                once(&mut read.identity, bytes)?
            }
            (3, Value::Bytes(bytes)) if message == schema::EMOTE_CHAT => read.emotes.push(bytes),
            (5, Value::Bytes(bytes)) if message == schema::EMOTE_CHAT => {
                once(&mut read.identity, bytes)?
            }
            (3, Value::Varint(value)) if message == schema::ROOM_USER_SEQ => {
                read.total = value as i64
            }
            _ => {}
        }
    }
    let (created_ms, display_type) = read_common(read.common)?;
    if message == schema::ROOM_USER_SEQ {
        let mut body = Vec::with_capacity(12);
        put_int(&mut body, 1, read.total);
        return Some(Decoded {
            member: VIEWER_COUNT,
            body,
            created_ms,
            user: None,
        });
    }
    let raw_user = read.user?;
    let cached = known(raw_user);
    let fresh = cached.is_none();
    if fresh && !valid(raw_user, schema::USER, 1) {
        return None;
    }
    let mut user = None;
    let converted = match cached {
        Some(converted) => converted,
        None => {
            let read_user = live_user(raw_user)?;
            let mut converted = Vec::with_capacity(256);
            read_user.write(&mut converted);
            user = Some(read_user);
            converted
        }
    };
    // The event's user: the message's word on its standing added (the UserCache keeps it
    // without).
    let with_identity = match read.identity {
        Some(identity) => {
            let mut user = match user {
                Some(user) => user,
                None => live_user(raw_user)?,
            };
            add_identity(&mut user, identity);
            let mut written = Vec::with_capacity(converted.len() + 4);
            user.write(&mut written);
            Some(written)
        }
        None => None,
    };
    let event_user = with_identity.as_deref().unwrap_or(&converted);
    let (member, body) = match message {
        schema::GIFT => {
            let mut body = with_user(event_user, |_| {});
            write_gift(&mut body, &read, catalogue)?;
            (GIFT, body)
        }
        schema::CHAT => {
            let content = text(read.content)?;
            (
                COMMENT,
                with_user(event_user, |body| put_string(body, 2, content)),
            )
        }
        schema::LIKE => (
            LIKE,
            with_user(event_user, |body| {
                put_int(body, 2, i64::from(read.count));
                put_int(body, 3, read.total);
            }),
        ),
        schema::MEMBER => (JOIN, with_user(event_user, |_| {})),
        schema::EMOTE_CHAT => {
            let mut body = with_user(event_user, |_| {});
            for emote in &read.emotes {
                write_emote(&mut body, emote)?;
            }
            (EMOTE_CHAT, body)
        }
        _ => {
            // Follow and share are social messages told apart by their display text, as
            // TikTokLive does; any other social action is SOCIAL (`total` holds its action).
            match SOCIAL_MARKERS
                .iter()
                .find(|(marker, _)| display_type.contains(marker))
            {
                Some((_, member)) => (*member, with_user(event_user, |_| {})),
                None => (
                    SOCIAL,
                    with_user(event_user, |body| {
                        put_string(body, 2, display_type);
                        put_int(body, 3, read.total);
                    }),
                ),
            }
        }
    };
    Some(Decoded {
        member,
        body,
        created_ms,
        user: fresh.then_some((raw_user, converted)),
    })
}

/// A message of a type no decoder types, as OTHER: its type name and payload as sent, with its
/// header's creation time (decode._other); None when the header is not read exactly as upb reads
/// it (the Python decoder then decides).
pub(crate) fn other<'a>(method: &str, payload: &[u8]) -> Option<Decoded<'a>> {
    if !valid(payload, schema::HEADER, 0) {
        return None;
    }
    let mut common = None;
    for (number, value) in fields(payload) {
        if let (1, Value::Bytes(bytes)) = (number, value) {
            once(&mut common, bytes)?;
        }
    }
    let (created_ms, _) = read_common(common)?;
    let mut body = Vec::with_capacity(method.len() + payload.len() + 8);
    put_string(&mut body, 1, method);
    put_bytes(&mut body, 2, payload);
    Some(Decoded {
        member: OTHER,
        body,
        created_ms,
        user: None,
    })
}
