//! The compiled message types, each read in place into its contract LiveEvent member's bytes
//! (server/tokgate/live/webcast_events.py's conversions, byte for byte).

use crate::schema::{self, fields, valid, valid_but, Value};
use crate::user::{add_identity, live_user};
use crate::wire::{
    first_url, int32, last_string, once, put_bool, put_bytes, put_int, put_message, put_string,
    split_milliseconds, text,
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
const SUBSCRIBE: u32 = 26;
const SUB_NOTIFY: u32 = 27;
const RANK_UPDATE: u32 = 30;
const CAPTION: u32 = 33;
const SOCIAL: u32 = 38;
// TikTokLive's FollowEvent and ShareEvent: a marker in a social message's display type, in order.
const SOCIAL_MARKERS: [(&str, u32); 2] = [("follow", FOLLOW), ("share", SHARE)];
// TikTokLive: a gift can streak when its type is 1 (ExtendedGift.streakable); GiftStreakState.
const STREAKABLE_GIFT_TYPE: i32 = 1;
const STREAK_IN_PROGRESS: i64 = 1;
const STREAK_ENDED: i64 = 2;
const STREAK_NOT_STREAKABLE: i64 = 3;
// webcast.proto's MessageType, SubscribeType, OldSubscribeStatus and GiftSource values that
// decide a subscription's event (decode._decode_sub_notify, webcast_events.subscribe).
const MESSAGE_TYPE_SUB_SUCCESS: i32 = 0;
const SUBSCRIBE_TYPE_AUTO: i32 = 1;
const OLD_SUBSCRIBE_STATUS_RESUB: i32 = 1;
const GIFT_SOURCE_UNKNOWN: i32 = 0;
// Past this, a TikTok time is in milliseconds (webcast_events._MILLISECONDS_FROM).
const MILLISECONDS_FROM: i64 = 100_000_000_000;

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
    // A subscription notice's: sub_month, subscribe_type, old_subscribe_status, message_type
    // and gift_source.
    sub_month: i64,
    subscribe_type: i32,
    old_status: i32,
    message_type: i32,
    gift_source: i32,
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
/// the room's UserCache keeps: None when it was known already, and for the messages without one
/// (a viewer count, a caption, a rank update, a subscription notice without a user, an OTHER).
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

/// The compiled types: TikTok's type name, its schema message and its user's field (0: none).
const COMPILED: [(&str, usize, u32); 10] = [
    ("WebcastChatMessage", schema::CHAT, 2),
    ("WebcastGiftMessage", schema::GIFT, 7),
    ("WebcastLikeMessage", schema::LIKE, 5),
    ("WebcastMemberMessage", schema::MEMBER, 2),
    ("WebcastSocialMessage", schema::SOCIAL, 2),
    ("WebcastEmoteChatMessage", schema::EMOTE_CHAT, 2),
    ("WebcastRoomUserSeqMessage", schema::ROOM_USER_SEQ, 0),
    ("WebcastCaptionMessage", schema::CAPTION, 0),
    ("WebcastRankUpdateMessage", schema::RANK_UPDATE, 0),
    ("WebcastSubNotifyMessage", schema::SUB_NOTIFY, 2),
];

/// A compiled type's schema message and user's field, by its type name.
fn compiled(method: &str) -> Option<(usize, u32)> {
    COMPILED
        .iter()
        .find(|(name, _, _)| *name == method)
        .map(|&(_, message, user_field)| (message, user_field))
}

/// Whether `read_message` reads messages of this type.
pub(crate) fn is_compiled(method: &str) -> bool {
    compiled(method).is_some()
}

/// The webcast message types `read_message` reads.
pub(crate) fn methods() -> Vec<&'static str> {
    COMPILED.iter().map(|(name, _, _)| *name).collect()
}

/// An enum value's name without its prefix, from its table (build.rs), else its number
/// (webcast_events: `names.get(value, str(value))`).
fn enum_name(names: &[(i32, &str)], value: i32) -> String {
    match names.binary_search_by_key(&value, |(number, _)| *number) {
        Ok(found) => names[found].1.to_string(),
        Err(_) => value.to_string(),
    }
}

/// A Timestamp or Duration message field from seconds and nanos (always present, as the
/// Python conversion sets its fields; each written when not 0).
fn put_time(body: &mut Vec<u8>, field: u32, seconds: i64, nanos: i64) {
    let mut time = Vec::with_capacity(16);
    put_int(&mut time, 1, seconds);
    put_int(&mut time, 2, nanos);
    put_message(body, field, &time);
}

/// A TikTok time in seconds or milliseconds (webcast_events._set_time): its seconds and nanos.
fn time_of(value: i64) -> (i64, i64) {
    if value >= MILLISECONDS_FROM {
        split_milliseconds(value)
    } else {
        (value, 0) // seconds: value * 1000 ms, a whole number of seconds
    }
}

/// A caption (webcast_events.caption): CaptionEvent's fields.
fn caption(payload: &[u8]) -> Option<(Option<&[u8]>, Vec<u8>)> {
    let (mut common, mut timestamp_ms, mut duration_ms) = (None, 0i64, 0i64);
    let (mut sentence_id, mut definite, mut contents) = (0i64, false, Vec::new());
    for (number, value) in fields(payload) {
        match (number, value) {
            (1, Value::Bytes(bytes)) => once(&mut common, bytes)?,
            (2, Value::Varint(value)) => timestamp_ms = value as i64,
            (3, Value::Varint(value)) => duration_ms = value as i64,
            (4, Value::Bytes(bytes)) => contents.push(bytes),
            (5, Value::Varint(value)) => sentence_id = value as i64,
            (7, Value::Varint(value)) => definite = value != 0,
            _ => {}
        }
    }
    let mut body = Vec::with_capacity(64 + payload.len());
    if sentence_id != 0 {
        put_string(&mut body, 1, &sentence_id.to_string());
    }
    let mut text_of = Vec::with_capacity(64);
    for content in contents {
        let (mut lang, mut sentence): (&[u8], &[u8]) = (b"", b"");
        for (number, value) in fields(content) {
            match (number, value) {
                (1, Value::Bytes(bytes)) => lang = bytes,
                (2, Value::Bytes(bytes)) => sentence = bytes,
                _ => {}
            }
        }
        text_of.clear();
        put_string(&mut text_of, 1, text(lang)?);
        put_string(&mut text_of, 2, text(sentence)?);
        put_message(&mut body, 2, &text_of);
    }
    put_bool(&mut body, 3, definite);
    if timestamp_ms != 0 {
        let (seconds, nanos) = time_of(timestamp_ms);
        put_time(&mut body, 4, seconds, nanos);
    }
    let (seconds, nanos) = split_milliseconds(duration_ms);
    put_time(&mut body, 5, seconds, nanos);
    Some((common, body))
}

/// A rank update (webcast_events.rank_update): RankUpdateEvent's ranks (the member is present
/// even when it holds none). None for a place an int32 does not hold (Python's conversion
/// raises).
fn rank_update(payload: &[u8]) -> Option<(Option<&[u8]>, Vec<u8>)> {
    let mut common = None;
    let mut body = Vec::with_capacity(64);
    let mut position = Vec::with_capacity(32);
    for (number, value) in fields(payload) {
        match (number, value) {
            (1, Value::Bytes(bytes)) => once(&mut common, bytes)?,
            (2, Value::Bytes(update)) => {
                let (mut rank_type, mut own_rank, mut score) = (0, 0i64, 0i64);
                for (number, value) in fields(update) {
                    match (number, value) {
                        (1, Value::Varint(value)) => rank_type = int32(value),
                        (2, Value::Varint(value)) => own_rank = value as i64,
                        (15, Value::Varint(value)) => score = value as i64,
                        _ => {}
                    }
                }
                position.clear();
                put_string(
                    &mut position,
                    1,
                    &enum_name(schema::RANK_TYPE_NAMES, rank_type),
                );
                put_int(&mut position, 2, i64::from(i32::try_from(own_rank).ok()?));
                put_int(&mut position, 3, score);
                put_message(&mut body, 1, &position);
            }
            _ => {}
        }
    }
    Some((common, body))
}

/// A subscription notice (decode._decode_sub_notify): SUBSCRIBE for a new subscription
/// (webcast_events.subscribe, its user always there, empty when TikTok sent none), else
/// SUB_NOTIFY (webcast_events.sub_notify, its user where TikTok sent one). None for months an
/// int32 does not hold (Python's conversion raises).
fn write_sub_notify(read: &Read<'_>, user: Option<&[u8]>) -> Option<(u32, Vec<u8>)> {
    let months = i64::from(i32::try_from(read.sub_month).ok()?);
    let mut body = Vec::with_capacity(user.map_or(0, <[u8]>::len) + 48);
    if read.message_type == MESSAGE_TYPE_SUB_SUCCESS {
        put_message(&mut body, 1, user.unwrap_or(b""));
        put_int(&mut body, 2, months);
        put_bool(&mut body, 3, read.subscribe_type == SUBSCRIBE_TYPE_AUTO);
        put_bool(&mut body, 4, read.old_status == OLD_SUBSCRIBE_STATUS_RESUB);
        put_bool(&mut body, 5, read.gift_source != GIFT_SOURCE_UNKNOWN);
        return Some((SUBSCRIBE, body));
    }
    if let Some(user) = user {
        put_message(&mut body, 1, user);
    }
    let notice_type = enum_name(schema::NOTICE_TYPE_NAMES, read.message_type);
    put_string(&mut body, 2, &notice_type);
    put_int(&mut body, 3, months);
    Some((SUB_NOTIFY, body))
}

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

/// A message of a compiled type (`COMPILED`) as its LiveEvent member; None for another type, and
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
    // The types without a user, read apart.
    let without_user = match message {
        schema::CAPTION => Some((CAPTION, caption(payload)?)),
        schema::RANK_UPDATE => Some((RANK_UPDATE, rank_update(payload)?)),
        _ => None,
    };
    if let Some((member, (common, body))) = without_user {
        let (created_ms, _) = read_common(common)?;
        return Some(Decoded {
            member,
            body,
            created_ms,
            user: None,
        });
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
            (4, Value::Varint(value)) if message == schema::SUB_NOTIFY => {
                read.sub_month = value as i64
            }
            (5, Value::Varint(value)) if message == schema::SUB_NOTIFY => {
                read.subscribe_type = int32(value)
            }
            (6, Value::Varint(value)) if message == schema::SUB_NOTIFY => {
                read.old_status = int32(value)
            }
            (7, Value::Varint(value)) if message == schema::SUB_NOTIFY => {
                read.message_type = int32(value)
            }
            (11, Value::Varint(value)) if message == schema::SUB_NOTIFY => {
                read.gift_source = int32(value)
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
    if message == schema::SUB_NOTIFY {
        // Months an int32 does not hold: handed back before the user is looked up or converted.
        i32::try_from(read.sub_month).ok()?;
        if read.user.is_none() {
            let (member, body) = write_sub_notify(&read, None)?;
            return Some(Decoded {
                member,
                body,
                created_ms,
                user: None,
            });
        }
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
        schema::SUB_NOTIFY => write_sub_notify(&read, Some(event_user))?,
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
