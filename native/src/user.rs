//! TikTok's `User` as the contract's LiveUser (server/tokgate/live/webcast_user.py's
//! `convert_user`, `badge_fragment` and `fill_identity`), read in place.

use crate::schema::{self, fields, Value};
use crate::wire::{
    first_url, int32, last_string, once, put_bool, put_int, put_message, put_string, text,
};

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

#[derive(Default)]
struct LiveBadge<'a> {
    scene: String,
    level: i32,
    text: &'a str,
    image_url: &'a str,
}

#[derive(Default)]
pub(crate) struct LiveUser<'a> {
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
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
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
pub(crate) fn live_user(raw: &[u8]) -> Option<LiveUser<'_>> {
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
pub(crate) fn add_identity(user: &mut LiveUser<'_>, identity: &[u8]) {
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
