//! The protobuf wire, written (proto3's rules: a scalar at its default is left out) and read
//! in place (after `schema::valid` accepted the message).

use crate::schema::{fields, Value};

// Wire types.
pub(crate) const VARINT: u32 = 0;
pub(crate) const LENGTH_DELIMITED: u32 = 2;

pub(crate) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

pub(crate) fn put_tag(out: &mut Vec<u8>, field: u32, wire_type: u32) {
    put_varint(out, u64::from((field << 3) | wire_type));
}

/// A bytes field (proto3: not written when empty).
pub(crate) fn put_bytes(out: &mut Vec<u8>, field: u32, value: &[u8]) {
    if !value.is_empty() {
        put_tag(out, field, LENGTH_DELIMITED);
        put_varint(out, value.len() as u64);
        out.extend_from_slice(value);
    }
}

/// A string field (proto3: not written when empty).
pub(crate) fn put_string(out: &mut Vec<u8>, field: u32, value: &str) {
    put_bytes(out, field, value.as_bytes());
}

/// An int32, int64 or enum field (negative values as 10 bytes, as protobuf writes them).
pub(crate) fn put_int(out: &mut Vec<u8>, field: u32, value: i64) {
    if value != 0 {
        put_tag(out, field, VARINT);
        put_varint(out, value as u64);
    }
}

pub(crate) fn put_bool(out: &mut Vec<u8>, field: u32, value: bool) {
    if value {
        put_tag(out, field, VARINT);
        out.push(1);
    }
}

/// A message field, present even when empty.
pub(crate) fn put_message(out: &mut Vec<u8>, field: u32, body: &[u8]) {
    put_tag(out, field, LENGTH_DELIMITED);
    put_varint(out, body.len() as u64);
    out.extend_from_slice(body);
}

pub(crate) fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// A submessage read through: None (hand back) when it is sent twice, since upb merges the
/// occurrences and this decoder reads one.
pub(crate) fn once<'a>(slot: &mut Option<&'a [u8]>, bytes: &'a [u8]) -> Option<()> {
    match slot.replace(bytes) {
        Some(_) => None,
        None => Some(()),
    }
}

/// An int32 from its varint, as protobuf reads it (the low 32 bits).
pub(crate) fn int32(value: u64) -> i32 {
    value as u32 as i32
}

/// An ImageModel's first URL (`url_list`, field 1).
pub(crate) fn first_url(image: &[u8]) -> Option<&str> {
    for (number, value) in fields(image) {
        if let (1, Value::Bytes(bytes)) = (number, value) {
            return text(bytes);
        }
    }
    Some("")
}

/// The last value of string field `field` of a message ("" when it has none).
pub(crate) fn last_string(message: &[u8], field: u32) -> Option<&str> {
    let mut found: &[u8] = b"";
    for (number, value) in fields(message) {
        if let (true, Value::Bytes(bytes)) = (number == field, value) {
            found = bytes;
        }
    }
    text(found)
}

/// Milliseconds as a Timestamp's or Duration's seconds and nanos (nanos never negative, as
/// Python's `divmod` splits them).
pub(crate) fn split_milliseconds(milliseconds: i64) -> (i64, i64) {
    (
        milliseconds.div_euclid(1000),
        milliseconds.rem_euclid(1000) * 1_000_000,
    )
}
