//! tokgate's compiled decoder for the frequent webcast messages: comments, gifts, likes, joins
//! and social messages (follows, shares), about 85% of a busy room's messages.
//!
//! `decode` turns a payload straight into the serialized contract `LiveEvent` (its oneof member,
//! as `LiveEvent.SerializeToString()` writes it), byte for byte what tokgate's Python decoder
//! (server/tokgate/live/decode.py) makes of it. It is at least as strict: the payload is checked
//! against the whole webcast schema (schema.rs, from protos/webcast), then read in place, without
//! a copy; anything it does not read exactly as the Python decoder would (a payload that does not
//! parse, a submessage sent twice, a badge level that is not an ASCII number...) returns None,
//! and the Python decoder decides.

mod schema;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyList, PyString};
use schema::{fields, valid, Value};
use std::collections::HashSet;

// The contract's EventType of a LiveEvent member: its field number minus 9.
const MEMBER_TO_EVENT_TYPE: u32 = 9;
// LiveEvent's members (live.proto).
const COMMENT: u32 = 10;
const GIFT: u32 = 11;
const LIKE: u32 = 12;
const JOIN: u32 = 13;
const FOLLOW: u32 = 14;
const SHARE: u32 = 15;
const SOCIAL: u32 = 38;
// TikTokLive's FollowEvent and ShareEvent: a marker in a social message's display type, in order.
const SOCIAL_MARKERS: [(&str, u32); 2] = [("follow", FOLLOW), ("share", SHARE)];
// FollowRole (live.proto).
const FOLLOW_ROLE_NONE: i64 = 1;
const FOLLOW_ROLE_FOLLOWER: i64 = 2;
const FOLLOW_ROLE_FRIEND: i64 = 3;
// BadgeSceneType (webcast.proto) values whose badge says something of the user.
const SCENE_ADMIN: i32 = 1;
const SCENE_SUBSCRIBER: i32 = 4;
const SCENE_RANK_LIST: i32 = 6;
const SCENE_NEW_SUBSCRIBER: i32 = 7;
const SCENE_USER_GRADE: i32 = 8;
const SCENE_FANS: i32 = 10;
const TOP_GIFTER_IMAGE: &str = "ranklist_top_gifter_";
// TikTokLive: a gift can streak when its type is 1 (ExtendedGift.streakable); GiftStreakState.
const STREAKABLE_GIFT_TYPE: i32 = 1;
const STREAK_IN_PROGRESS: i64 = 1;
const STREAK_ENDED: i64 = 2;
const STREAK_NOT_STREAKABLE: i64 = 3;
// Wire types.
const VARINT: u32 = 0;
const LENGTH_DELIMITED: u32 = 2;

// --- protobuf wire, written ------------------------------------------------------------------

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_tag(out: &mut Vec<u8>, field: u32, wire_type: u32) {
    put_varint(out, u64::from((field << 3) | wire_type));
}

/// A string field (proto3: not written when empty).
fn put_string(out: &mut Vec<u8>, field: u32, value: &str) {
    if !value.is_empty() {
        put_tag(out, field, LENGTH_DELIMITED);
        put_varint(out, value.len() as u64);
        out.extend_from_slice(value.as_bytes());
    }
}

/// An int32, int64 or enum field (negative values as 10 bytes, as protobuf writes them).
fn put_int(out: &mut Vec<u8>, field: u32, value: i64) {
    if value != 0 {
        put_tag(out, field, VARINT);
        put_varint(out, value as u64);
    }
}

fn put_bool(out: &mut Vec<u8>, field: u32, value: bool) {
    if value {
        put_tag(out, field, VARINT);
        out.push(1);
    }
}

/// A message field, present even when empty.
fn put_message(out: &mut Vec<u8>, field: u32, body: &[u8]) {
    put_tag(out, field, LENGTH_DELIMITED);
    put_varint(out, body.len() as u64);
    out.extend_from_slice(body);
}

// --- protobuf wire, read (checked by schema::valid first) ---------------------------------------

fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// A submessage read through: None (hand back) when it is sent twice, since upb merges the
/// occurrences and this decoder reads one.
fn once<'a>(slot: &mut Option<&'a [u8]>, bytes: &'a [u8]) -> Option<()> {
    match slot.replace(bytes) {
        Some(_) => None,
        None => Some(()),
    }
}

/// An int32 from its varint, as protobuf reads it (the low 32 bits).
fn int32(value: u64) -> i32 {
    value as u32 as i32
}

/// An ImageModel's first URL (`url_list`, field 1).
fn first_url(image: &[u8]) -> Option<&str> {
    for (number, value) in fields(image) {
        if let (1, Value::Bytes(bytes)) = (number, value) {
            return text(bytes);
        }
    }
    Some("")
}

/// The last value of string field `field` of a message ("" when it has none).
fn last_string(message: &[u8], field: u32) -> Option<&str> {
    let mut found: &[u8] = b"";
    for (number, value) in fields(message) {
        if let (true, Value::Bytes(bytes)) = (number == field, value) {
            found = bytes;
        }
    }
    text(found)
}

// --- the contract's LiveUser ---------------------------------------------------------------

#[derive(Default)]
struct LiveBadge<'a> {
    scene: String,
    level: i32,
    text: &'a str,
    image_url: &'a str,
}

#[derive(Default)]
struct LiveUser<'a> {
    user_id: String,
    unique_id: &'a str,
    nickname: &'a str,
    avatar_url: &'a str,
    follow_role: i64,
    is_moderator: bool,
    is_subscriber: bool,
    member_level: i32,
    gifter_level: i32,
    badges: Vec<LiveBadge<'a>>,
    follower_count: i64,
    top_gifter_rank: i32,
}

impl LiveUser<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        put_string(out, 1, &self.user_id);
        put_string(out, 2, self.unique_id);
        put_string(out, 3, self.nickname);
        put_string(out, 4, self.avatar_url);
        put_int(out, 5, self.follow_role);
        put_bool(out, 6, self.is_moderator);
        put_bool(out, 7, self.is_subscriber);
        put_int(out, 8, i64::from(self.member_level));
        put_int(out, 9, i64::from(self.gifter_level));
        let mut badge = Vec::new();
        for each in &self.badges {
            badge.clear();
            put_string(&mut badge, 1, &each.scene);
            put_int(&mut badge, 2, i64::from(each.level));
            put_string(&mut badge, 3, each.text);
            put_string(&mut badge, 4, each.image_url);
            put_message(out, 10, &badge);
        }
        put_int(out, 11, self.follower_count);
        put_int(out, 12, i64::from(self.top_gifter_rank));
    }
}

/// A decimal of ASCII digits that fits an int32 (Python's `int(text)` where `text.isdigit()`);
/// None when Python would read it otherwise (other digits, or a number an int32 refuses).
fn ascii_number(digits: &str) -> Option<i32> {
    if digits.len() > 18 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    i32::try_from(digits.parse::<u64>().ok()?).ok()
}

/// A badge's level (webcast_user._apply_scene): its number, or 0 when it is not one.
fn badge_level(level: &str) -> Option<i32> {
    if level.is_empty() || !level.bytes().all(|byte| byte.is_ascii_digit()) {
        return if level.is_ascii() { Some(0) } else { None };
    }
    ascii_number(level)
}

/// The place a top-gifter badge's image names (`ranklist_top_gifter_(\d+)`, first match).
fn top_gifter_place(image_url: &str) -> Option<Option<i32>> {
    if !image_url.is_ascii() {
        return None;
    }
    let mut rest = image_url;
    while let Some(found) = rest.find(TOP_GIFTER_IMAGE) {
        rest = &rest[found + TOP_GIFTER_IMAGE.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            return ascii_number(&rest[..digits]).map(Some);
        }
    }
    Some(None)
}

/// One badge (its bytes) into the user (webcast_user.badge_fragment, merged as the fragments
/// merge: a later badge's non-zero level overrides an earlier one's).
fn add_badge<'a>(user: &mut LiveUser<'a>, badge: &'a [u8]) -> Option<()> {
    let mut scene = 0;
    let (mut extra, mut image, mut text_badge, mut string_badge, mut combine) =
        (None, None, None, None, None);
    for (number, value) in fields(badge) {
        match (number, value) {
            (3, Value::Varint(value)) => scene = int32(value),
            (12, Value::Bytes(bytes)) => once(&mut extra, bytes)?,
            (20, Value::Bytes(bytes)) => once(&mut image, bytes)?,
            (21, Value::Bytes(bytes)) => once(&mut text_badge, bytes)?,
            (22, Value::Bytes(bytes)) => once(&mut string_badge, bytes)?,
            (23, Value::Bytes(bytes)) => once(&mut combine, bytes)?,
            _ => {}
        }
    }
    let mut added = LiveBadge {
        scene: match schema::SCENE_NAMES.binary_search_by_key(&scene, |(number, _)| *number) {
            _ if scene == 0 => String::new(),
            Ok(found) => schema::SCENE_NAMES[found].1.to_string(),
            Err(_) => scene.to_string(),
        },
        ..LiveBadge::default()
    };
    let mut image_model = None;
    if let Some(image) = image {
        for (number, value) in fields(image) {
            if let (2, Value::Bytes(bytes)) = (number, value) {
                once(&mut image_model, bytes)?;
            }
        }
    }
    added.image_url = match image_model {
        Some(model) => first_url(model)?,
        None => "",
    };
    if added.image_url.is_empty() {
        added.text = if let Some(badge) = text_badge {
            last_string(badge, 3)?
        } else if let Some(badge) = string_badge {
            last_string(badge, 2)?
        } else if let Some(badge) = combine {
            last_string(badge, 4)?
        } else {
            ""
        };
    }
    match scene {
        SCENE_ADMIN => user.is_moderator = true,
        SCENE_SUBSCRIBER | SCENE_NEW_SUBSCRIBER => user.is_subscriber = true,
        SCENE_FANS | SCENE_USER_GRADE | SCENE_RANK_LIST => {
            let level = badge_level(extra.map_or(Some(""), |extra| last_string(extra, 5))?)?;
            added.level = level;
            let value = if scene == SCENE_RANK_LIST {
                top_gifter_place(added.image_url)?.unwrap_or(level)
            } else {
                level
            };
            if value != 0 {
                match scene {
                    SCENE_FANS => user.member_level = value,
                    SCENE_USER_GRADE => user.gifter_level = value,
                    _ => user.top_gifter_rank = value,
                }
            }
        }
        _ => {}
    }
    user.badges.push(added);
    Some(())
}

/// TikTok's user (its bytes as sent) as the contract's LiveUser (webcast_user.convert_user).
fn live_user(raw: &[u8]) -> Option<LiveUser<'_>> {
    let mut converted = LiveUser::default();
    let (mut id, mut avatar, mut follow) = (0i64, None, None);
    let mut badges = Vec::new();
    for (number, value) in fields(raw) {
        match (number, value) {
            (1, Value::Varint(value)) => id = value as i64,
            (3, Value::Bytes(bytes)) => converted.nickname = text(bytes)?,
            (9, Value::Bytes(bytes)) => once(&mut avatar, bytes)?,
            (22, Value::Bytes(bytes)) => once(&mut follow, bytes)?,
            (38, Value::Bytes(bytes)) => converted.unique_id = text(bytes)?,
            (64, Value::Bytes(bytes)) => badges.push(bytes),
            _ => {}
        }
    }
    if id != 0 {
        converted.user_id = id.to_string();
    }
    if let Some(avatar) = avatar {
        converted.avatar_url = first_url(avatar)?;
    }
    if let Some(follow) = follow {
        let mut status = 0i64;
        for (number, value) in fields(follow) {
            match (number, value) {
                (2, Value::Varint(value)) => converted.follower_count = value as i64,
                (3, Value::Varint(value)) => status = value as i64,
                _ => {}
            }
        }
        converted.follow_role = match status {
            0 => FOLLOW_ROLE_NONE,
            1 => FOLLOW_ROLE_FOLLOWER,
            _ => FOLLOW_ROLE_FRIEND,
        };
    }
    for badge in badges {
        add_badge(&mut converted, badge)?;
    }
    Some(converted)
}

/// A message's word on its sender's standing (webcast_user.fill_identity).
fn add_identity(user: &mut LiveUser<'_>, identity: &[u8]) {
    let mut flags = [false; 7];
    for (number, value) in fields(identity) {
        if let (1..=6, Value::Varint(value)) = (number, value) {
            flags[number as usize] = value != 0;
        }
    }
    let [_, _, subscriber, mutual, follower, moderator, _] = flags;
    if moderator {
        user.is_moderator = true;
    }
    if subscriber {
        user.is_subscriber = true;
    }
    if mutual {
        user.follow_role = FOLLOW_ROLE_FRIEND;
    } else if follower && user.follow_role != FOLLOW_ROLE_FRIEND {
        user.follow_role = FOLLOW_ROLE_FOLLOWER;
    }
}

// --- the messages ------------------------------------------------------------------------------

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
}

/// What a room's gift catalogue says of a gift: its name, diamonds and image (live/gifts.py).
struct Listed {
    name: String,
    diamonds: i32,
    image_url: String,
}

/// The room's gift catalogue, by gift id (None when the room holds none).
type Catalogue<'a> = &'a dyn Fn(i64) -> Option<Listed>;

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
/// created it, and its user as sent and as converted (before the message's word on it): what the
/// room's UserCache keeps.
struct Decoded<'a> {
    member: u32,
    body: Vec<u8>,
    created_ms: i64,
    raw_user: &'a [u8],
    user: Vec<u8>,
}

/// A member's body: its user, then `rest`.
fn with_user(user: &LiveUser<'_>, rest: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut written = Vec::with_capacity(256);
    user.write(&mut written);
    let mut body = Vec::with_capacity(written.len() + 64);
    put_message(&mut body, 1, &written);
    rest(&mut body);
    body
}

fn read_message<'a>(
    method: &str,
    payload: &'a [u8],
    catalogue: Catalogue<'_>,
) -> Option<Decoded<'a>> {
    let (message, user_field) = match method {
        "WebcastChatMessage" => (schema::CHAT, 2),
        "WebcastGiftMessage" => (schema::GIFT, 7),
        "WebcastLikeMessage" => (schema::LIKE, 5),
        "WebcastMemberMessage" => (schema::MEMBER, 2),
        "WebcastSocialMessage" => (schema::SOCIAL, 2),
        _ => return None,
    };
    if !valid(payload, message, 0) {
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
            _ => {}
        }
    }
    let raw_user = read.user?;
    let mut user = live_user(raw_user)?;
    let mut converted = Vec::with_capacity(256);
    user.write(&mut converted);
    let (created_ms, display_type) = read_common(read.common)?;
    if let Some(identity) = read.identity {
        add_identity(&mut user, identity);
    }
    let (member, body) = match message {
        schema::GIFT => {
            let mut body = with_user(&user, |_| {});
            write_gift(&mut body, &read, catalogue)?;
            (GIFT, body)
        }
        schema::CHAT => {
            let content = text(read.content)?;
            (
                COMMENT,
                with_user(&user, |body| put_string(body, 2, content)),
            )
        }
        schema::LIKE => (
            LIKE,
            with_user(&user, |body| {
                put_int(body, 2, i64::from(read.count));
                put_int(body, 3, read.total);
            }),
        ),
        schema::MEMBER => (JOIN, with_user(&user, |_| {})),
        _ => {
            // Follow and share are social messages told apart by their display text, as
            // TikTokLive does; any other social action is SOCIAL (`total` holds its action).
            match SOCIAL_MARKERS
                .iter()
                .find(|(marker, _)| display_type.contains(marker))
            {
                Some((_, member)) => (*member, with_user(&user, |_| {})),
                None => (
                    SOCIAL,
                    with_user(&user, |body| {
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
        raw_user,
        user: converted,
    })
}

/// A webcast message (TikTok's type name and payload) as `(event_type, LiveEvent bytes,
/// created_ms, user bytes as sent, LiveUser bytes)`; None when this decoder leaves the message to
/// the Python one.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn decode<'py>(
    py: Python<'py>,
    method: &str,
    payload: &[u8],
) -> Option<(
    u32,
    Bound<'py, PyBytes>,
    i64,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
)> {
    let decoded = read_message(method, payload, &|_| None)?;
    let mut event = Vec::with_capacity(decoded.body.len() + 4);
    put_message(&mut event, decoded.member, &decoded.body);
    Some((
        decoded.member - MEMBER_TO_EVENT_TYPE,
        PyBytes::new(py, &event),
        decoded.created_ms,
        PyBytes::new(py, decoded.raw_user),
        PyBytes::new(py, &decoded.user),
    ))
}

// --- a frame, sealed -------------------------------------------------------------------------

// StreamEventsResponse.event (field 1), LiveEvent.sequence (3) and LiveEvent.created_at (6).
const RESPONSE_EVENT: u32 = 1;
const SEQUENCE: u32 = 3;
const CREATED_AT: u32 = 6;

/// LiveEvent.created_at from milliseconds, as live/events.py's `_created_at` writes it
/// (seconds always, nanos when not 0).
fn put_created_at(out: &mut Vec<u8>, milliseconds: i64) {
    let mut timestamp = Vec::with_capacity(16);
    put_tag(&mut timestamp, 1, VARINT);
    put_varint(&mut timestamp, (milliseconds / 1000) as u64);
    let rest = milliseconds % 1000;
    if rest != 0 {
        put_tag(&mut timestamp, 2, VARINT);
        put_varint(&mut timestamp, (rest * 1_000_000) as u64);
    }
    put_message(out, CREATED_AT, &timestamp);
}

/// A decoded message sealed as live/events.py's `seal` seals it: the StreamEventsResponse of
/// the log's `header`, the sequence, the LiveEvent member and `created_at` when TikTok said.
fn sealed(header: &[u8], sequence: u64, decoded: &Decoded<'_>) -> Vec<u8> {
    let mut inner = Vec::with_capacity(header.len() + decoded.body.len() + 32);
    inner.extend_from_slice(header);
    put_tag(&mut inner, SEQUENCE, VARINT);
    put_varint(&mut inner, sequence);
    put_message(&mut inner, decoded.member, &decoded.body);
    if decoded.created_ms > 0 {
        // Not a time before 1970, which is none TikTok means (as events.seal).
        put_created_at(&mut inner, decoded.created_ms);
    }
    let mut wire = Vec::with_capacity(inner.len() + 4);
    put_message(&mut wire, RESPONSE_EVENT, &inner);
    wire
}

/// A message of a frame, sealed when this decoder reads it: None for a type it leaves to
/// Python and for what `read_message` hands back.
fn seal_message<'a>(
    method: &str,
    payload: &'a [u8],
    catalogue: Catalogue<'_>,
    header: &[u8],
    sequence: u64,
) -> Option<(Decoded<'a>, Vec<u8>)> {
    let decoded = read_message(method, payload, catalogue)?;
    let wire = sealed(header, sequence, &decoded);
    Some((decoded, wire))
}

/// One frame's messages (objects with `method` and `payload`, in order) numbered from
/// `first_sequence` and sealed under the log's `header`, in one call, gifts completed from
/// `gifts` (the room's catalogue: gift id to `(name, diamonds, image URL)`, or None):
/// `(entries, users, rest)`. `entries` holds one item a message: what `delivery(sequence,
/// event_type, wire, received)` made of a sealed one, or `(method, payload)` for one left to
/// Python, whose places are `rest`, in order. `users`: each user of
/// the sealed messages once, `(bytes as sent, LiveUser bytes)`, for the room's UserCache.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn seal_frame<'py>(
    py: Python<'py>,
    messages: &Bound<'py, PyAny>,
    header: &[u8],
    first_sequence: u64,
    received: f64,
    delivery: &Bound<'py, PyAny>,
    gifts: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>, Bound<'py, PyList>)> {
    let entries = PyList::empty(py);
    let users = PyList::empty(py);
    let rest = PyList::empty(py);
    let mut seen: HashSet<Vec<u8>> = HashSet::new();
    let received = PyFloat::new(py, received);
    let (method_name, payload_name) = (intern!(py, "method"), intern!(py, "payload"));
    let catalogue = |gift_id: i64| -> Option<Listed> {
        let (name, diamonds, image_url) = gifts?.get_item(gift_id).ok()??.extract().ok()?;
        Some(Listed {
            name,
            diamonds,
            image_url,
        })
    };
    for (index, message) in messages.try_iter()?.enumerate() {
        let message = message?;
        let sequence = first_sequence + index as u64;
        let method = message.getattr(method_name)?;
        let payload = message.getattr(payload_name)?;
        let read = match (method.downcast::<PyString>(), payload.downcast::<PyBytes>()) {
            (Ok(name), Ok(bytes)) => seal_message(
                name.to_str()?,
                bytes.as_bytes(),
                &catalogue,
                header,
                sequence,
            ),
            _ => None,
        };
        let Some((decoded, wire)) = read else {
            rest.append(index)?;
            entries.append((method, payload))?;
            continue;
        };
        let event_type = decoded.member - MEMBER_TO_EVENT_TYPE;
        if !seen.contains(decoded.raw_user) {
            seen.insert(decoded.raw_user.to_vec());
            users.append((
                PyBytes::new(py, decoded.raw_user),
                PyBytes::new(py, &decoded.user),
            ))?;
        }
        entries.append(delivery.call1((
            sequence,
            event_type,
            PyBytes::new(py, &wire),
            &received,
        ))?)?;
    }
    Ok((entries, users, rest))
}

/// TikTok's `User` bytes as LiveUser bytes (webcast_user.convert_user, merged); None when the
/// Python conversion is to decide.
#[pyfunction]
fn convert_user<'py>(py: Python<'py>, raw_user: &[u8]) -> Option<Bound<'py, PyBytes>> {
    if !valid(raw_user, schema::USER, 0) {
        return None;
    }
    let mut converted = Vec::with_capacity(256);
    live_user(raw_user)?.write(&mut converted);
    Some(PyBytes::new(py, &converted))
}

/// The webcast message types `decode` reads.
#[pyfunction]
fn methods() -> Vec<&'static str> {
    vec![
        "WebcastChatMessage",
        "WebcastGiftMessage",
        "WebcastLikeMessage",
        "WebcastMemberMessage",
        "WebcastSocialMessage",
    ]
}

#[pymodule]
fn tokgate_native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(decode, module)?)?;
    module.add_function(wrap_pyfunction!(seal_frame, module)?)?;
    module.add_function(wrap_pyfunction!(methods, module)?)?;
    module.add_function(wrap_pyfunction!(convert_user, module)?)?;
    Ok(())
}
