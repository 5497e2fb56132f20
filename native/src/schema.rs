//! The protobuf wire, read: a payload checked against the webcast schema, and its fields.
//!
//! `valid` accepts a payload only where the upb runtime (the Python decoder's) parses it too: every
//! field of a known number has its wire type, every string is UTF-8 (proto3), every submessage is
//! valid in turn. It is stricter where that is simpler (groups, deep nesting, a scalar sent
//! packed where upb would keep it as unknown): such a payload goes back to the Python decoder.

#[derive(Clone, Copy)]
pub enum Kind {
    Varint,
    Fixed64,
    Fixed32,
    String,
    Bytes,
    Message(usize),
}

pub struct Field {
    pub number: u32,
    pub kind: Kind,
    pub repeated: bool,
}

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

/// Nesting past this goes back to Python (upb's own limit is higher).
const MAX_DEPTH: u32 = 32;
const MAX_FIELD_NUMBER: u64 = (1 << 29) - 1;

/// One field's value as it is on the wire.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    Varint(u64),
    Fixed64,
    Fixed32,
    Bytes(&'a [u8]),
}

/// A varint, as protobuf reads it (at most 10 bytes, the last one 0 or 1).
#[inline(always)]
pub fn read_varint(buf: &[u8], at: &mut usize) -> Option<u64> {
    // Most varints on the wire (tags, lengths, small numbers) are one byte.
    let first = *buf.get(*at)?;
    if first < 0x80 {
        *at += 1;
        return Some(u64::from(first));
    }
    read_long_varint(buf, at)
}

#[inline(never)]
fn read_long_varint(buf: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for index in 0..10 {
        let byte = *buf.get(*at)?;
        *at += 1;
        if index == 9 && byte > 1 {
            return None;
        }
        value |= u64::from(byte & 0x7F) << (7 * index);
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

/// The fields of a message, in order: (number, value). It stops at the first malformed field
/// (so read only what `valid` accepted).
pub struct Fields<'a> {
    buf: &'a [u8],
    at: usize,
}

pub fn fields(buf: &[u8]) -> Fields<'_> {
    Fields { buf, at: 0 }
}

impl<'a> Fields<'a> {
    #[inline(always)]
    fn next_field(&mut self) -> Option<(u32, Value<'a>)> {
        let buf = self.buf;
        let key = read_varint(buf, &mut self.at)?;
        let number = key >> 3;
        if number == 0 || number > MAX_FIELD_NUMBER {
            return None;
        }
        let value = match key & 7 {
            0 => Value::Varint(read_varint(buf, &mut self.at)?),
            1 => {
                self.at = self.at.checked_add(8).filter(|end| *end <= buf.len())?;
                Value::Fixed64
            }
            5 => {
                self.at = self.at.checked_add(4).filter(|end| *end <= buf.len())?;
                Value::Fixed32
            }
            2 => {
                let length = usize::try_from(read_varint(buf, &mut self.at)?).ok()?;
                let end = self
                    .at
                    .checked_add(length)
                    .filter(|end| *end <= buf.len())?;
                let bytes = &buf[self.at..end];
                self.at = end;
                Value::Bytes(bytes)
            }
            _ => return None, // groups and invalid wire types
        };
        Some((number as u32, value))
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = (u32, Value<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.buf.len() {
            return None;
        }
        let field = self.next_field();
        if field.is_none() {
            self.at = self.buf.len();
        }
        field
    }
}

/// Whether `bytes` are UTF-8 (the ASCII most strings are, checked a word at a time first).
#[inline]
fn utf8(bytes: &[u8]) -> bool {
    bytes.is_ascii() || std::str::from_utf8(bytes).is_ok()
}

/// Whether `buf` holds nothing but well-formed varints (a packed repeated varint field).
fn packed_varints(buf: &[u8]) -> bool {
    let mut at = 0;
    while at < buf.len() {
        if read_varint(buf, &mut at).is_none() {
            return false;
        }
    }
    true
}

/// Whether `buf` parses as message `message` of the schema (see the module's docstring).
pub fn valid(buf: &[u8], message: usize, depth: u32) -> bool {
    valid_but(buf, message, depth, 0)
}

/// `valid`, but for the submessages of field `skipped` of `buf` itself, which are only required
/// to be length-delimited: the caller checks them (a repeat viewer's user, checked before).
pub fn valid_but(buf: &[u8], message: usize, depth: u32, skipped: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let schema = MESSAGES[message];
    let mut reader = fields(buf);
    while reader.at < buf.len() {
        let Some((number, value)) = reader.next_field() else {
            return false;
        };
        let direct = DIRECT[message];
        let found = match direct.get(number as usize) {
            Some(0) => None,
            Some(place) => Some(usize::from(*place) - 1),
            None => schema
                .binary_search_by_key(&number, |field| field.number)
                .ok(),
        };
        let Some(found) = found else {
            continue; // unknown: skipped, as upb keeps it unparsed
        };
        if number == skipped {
            if let Value::Bytes(_) = value {
                continue;
            }
            return false;
        }
        let field = &schema[found];
        let ok = match (field.kind, value) {
            (Kind::Varint, Value::Varint(_)) => true,
            (Kind::Fixed64, Value::Fixed64) | (Kind::Fixed32, Value::Fixed32) => true,
            (Kind::String, Value::Bytes(bytes)) => utf8(bytes),
            (Kind::Bytes, Value::Bytes(_)) => true,
            (Kind::Message(inner), Value::Bytes(bytes)) => valid(bytes, inner, depth + 1),
            (Kind::Varint, Value::Bytes(bytes)) if field.repeated => packed_varints(bytes),
            (Kind::Fixed64, Value::Bytes(bytes)) if field.repeated => bytes.len() % 8 == 0,
            (Kind::Fixed32, Value::Bytes(bytes)) if field.repeated => bytes.len() % 4 == 0,
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}
