//! A frame's messages numbered and sealed in one call (server/tokgate/live/ingest.py).

use crate::messages::{
    is_compiled, other, read_message, Catalogue, Decoded, Listed, MEMBER_TO_EVENT_TYPE,
};
use crate::schema::{fields, Value};
use crate::wire::{put_message, put_tag, put_varint, split_milliseconds, LENGTH_DELIMITED, VARINT};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyFrozenSet, PyList, PyString};
use std::cell::RefCell;
use std::collections::HashMap;

// StreamEventsResponse.event (field 1), LiveEvent.sequence (3) and LiveEvent.created_at (6).
const RESPONSE_EVENT: u32 = 1;
const SEQUENCE: u32 = 3;
const CREATED_AT: u32 = 6;

/// LiveEvent.created_at from milliseconds, as live/events.py's `_created_at` writes it
/// (seconds always, nanos when not 0).
fn put_created_at(out: &mut Vec<u8>, milliseconds: i64) {
    let mut timestamp = Vec::with_capacity(16);
    put_tag(&mut timestamp, 1, VARINT);
    let (seconds, nanos) = split_milliseconds(milliseconds);
    put_varint(&mut timestamp, seconds as u64);
    if nanos != 0 {
        put_tag(&mut timestamp, 2, VARINT);
        put_varint(&mut timestamp, nanos as u64);
    }
    put_message(out, CREATED_AT, &timestamp);
}

/// Room before an event's StreamEventsResponse for its field tag and length (a length under
/// 2^35 takes 5 bytes at most), so the wire is written into one buffer.
const PREFIX: usize = 6;

/// A decoded message sealed as live/events.py's `seal` seals it: the StreamEventsResponse of
/// the log's `header`, the sequence, the LiveEvent member and `created_at` when TikTok said.
/// The wire is `buffer[start..]`.
fn sealed(header: &[u8], sequence: u64, decoded: &Decoded<'_>) -> (Vec<u8>, usize) {
    let mut buffer = Vec::with_capacity(PREFIX + header.len() + decoded.body.len() + 40);
    buffer.resize(PREFIX, 0);
    buffer.extend_from_slice(header);
    put_tag(&mut buffer, SEQUENCE, VARINT);
    put_varint(&mut buffer, sequence);
    put_message(&mut buffer, decoded.member, &decoded.body);
    if decoded.created_ms > 0 {
        // Not a time before 1970, which is none TikTok means (as events.seal).
        put_created_at(&mut buffer, decoded.created_ms);
    }
    let mut prefix = Vec::with_capacity(PREFIX);
    put_tag(&mut prefix, RESPONSE_EVENT, LENGTH_DELIMITED);
    put_varint(&mut prefix, (buffer.len() - PREFIX) as u64);
    let start = PREFIX - prefix.len();
    buffer[start..PREFIX].copy_from_slice(&prefix);
    (buffer, start)
}

/// A fetch result's `messages` (ProtoMessageFetchResult field 1) and a message's `method` and
/// `payload` (BaseProtoMessage fields 1 and 2).
const MESSAGES: u32 = 1;
const METHOD: u32 = 1;
const PAYLOAD: u32 = 2;

/// A frame's sealing under way: what `seal_frame` answers, built a message at a time.
struct Sealer<'py, 'c> {
    py: Python<'py>,
    header: &'c [u8],
    first_sequence: u64,
    received: Bound<'py, PyFloat>,
    delivery: &'c Bound<'py, PyAny>,
    catalogue: Catalogue<'c>,
    typed: &'c Bound<'py, PyFrozenSet>,
    // The room's UserCache entries: TikTok's user bytes to [LiveUser bytes, used since queued].
    cached_users: Option<&'c Bound<'py, PyDict>>,
    entries: Bound<'py, PyList>,
    rest: Bound<'py, PyList>,
    untyped: Bound<'py, PyList>,
    // The users first converted in this frame (not in the UserCache before the frame's end):
    // answered as `users`.
    fresh: RefCell<HashMap<Vec<u8>, Vec<u8>>>,
}

impl<'py> Sealer<'py, '_> {
    /// A user's LiveUser bytes when these exact bytes were checked and converted before: kept
    /// in the room's UserCache (marked used, as its `keep` marks a hit) or earlier in the frame.
    fn known(&self, raw: &[u8]) -> Option<Vec<u8>> {
        if let Some(cached) = self.cached_users {
            if let Ok(Some(entry)) = cached.get_item(PyBytes::new(self.py, raw)) {
                let entry = entry.downcast::<PyList>().ok()?;
                entry.set_item(1, true).ok()?;
                return Some(
                    entry
                        .get_item(0)
                        .ok()?
                        .downcast::<PyBytes>()
                        .ok()?
                        .as_bytes()
                        .to_vec(),
                );
            }
        }
        self.fresh.borrow().get(raw).cloned()
    }

    /// Message `index` of the frame: sealed, or left to Python as `(method, payload)` (the
    /// objects `left` makes; `name`, the method's str object when the caller has it).
    fn message(
        &mut self,
        index: usize,
        method: &str,
        payload: &[u8],
        name: Option<&Bound<'py, PyString>>,
        left: impl FnOnce() -> Bound<'py, PyAny>,
    ) -> PyResult<()> {
        let known = |raw: &[u8]| self.known(raw);
        let mut decoded = read_message(method, payload, self.catalogue, &known);
        let mut name = name.cloned();
        if decoded.is_none() && !is_compiled(method) {
            // A type no decoder types: an OTHER, unless its header is not read here exactly as
            // upb reads it (then Python decides).
            let method_name = name.get_or_insert_with(|| PyString::new(self.py, method));
            if !self.typed.contains(&*method_name)? {
                decoded = other(method, payload);
                if decoded.is_some() {
                    self.untyped.append((index, &*method_name))?;
                }
            }
        }
        let Some(decoded) = decoded else {
            let method_name = name.unwrap_or_else(|| PyString::new(self.py, method));
            self.rest.append(index)?;
            self.entries.append((method_name, left()))?;
            return Ok(());
        };
        let sequence = self.first_sequence + index as u64;
        if let Some((raw_user, converted)) = &decoded.user {
            (self.fresh.borrow_mut()).insert(raw_user.to_vec(), converted.clone());
        }
        let (wire, start) = sealed(self.header, sequence, &decoded);
        self.entries.append(self.delivery.call1((
            sequence,
            decoded.member - MEMBER_TO_EVENT_TYPE,
            PyBytes::new(self.py, &wire[start..]),
            &self.received,
        ))?)?;
        Ok(())
    }
}

/// A message of a fetch result's bytes, in place: its `method` and `payload` (the last of each,
/// as upb reads them; upb has parsed these bytes before, so they are well formed).
fn fetched_message(message: &[u8]) -> (&[u8], &[u8]) {
    let (mut method, mut payload): (&[u8], &[u8]) = (b"", b"");
    for (number, value) in fields(message) {
        match (number, value) {
            (METHOD, Value::Bytes(bytes)) => method = bytes,
            (PAYLOAD, Value::Bytes(bytes)) => payload = bytes,
            _ => {}
        }
    }
    (method, payload)
}

/// One frame's messages numbered from `first_sequence` and sealed under the log's `header`, in
/// one call, gifts completed from `gifts` (the room's catalogue: gift id to `(name, diamonds,
/// image URL)`, or None). `source` is the frame's fetch result as bytes (tokgate's loop: its
/// messages are read in place) or its messages, objects with `method` and `payload`, in order
/// (TikTokLive's loop). A message of the compiled types is decoded here; one of a type no
/// decoder types (not in `typed`, the Python decoder's types) is sealed as OTHER; the rest is
/// left to Python. `cached_users`: the room's UserCache entries (TikTok's user bytes to
/// `[LiveUser bytes, used]`, all converted here), whose users are neither checked nor converted
/// again. Answers `(entries, users, rest, untyped)`. `entries` holds one item a
/// message: what `delivery(sequence, event_type, wire, received)` made of a sealed one, or
/// `(method, payload)` for one left to Python, whose places are `rest`, in order. `users`: each
/// user of the sealed messages not cached before, once, `(bytes as sent, LiveUser bytes)`, for
/// the room's UserCache. `untyped`: the place and type name of each message sealed as OTHER here, for the
/// room's counters.
#[pyfunction]
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
pub(crate) fn seal_frame<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    header: &[u8],
    first_sequence: u64,
    received: f64,
    delivery: &Bound<'py, PyAny>,
    gifts: Option<&Bound<'py, PyDict>>,
    typed: &Bound<'py, PyFrozenSet>,
    cached_users: Option<&Bound<'py, PyDict>>,
) -> PyResult<(
    Bound<'py, PyList>,
    Bound<'py, PyList>,
    Bound<'py, PyList>,
    Bound<'py, PyList>,
)> {
    let catalogue = |gift_id: i64| -> Option<Listed> {
        let (name, diamonds, image_url) = gifts?.get_item(gift_id).ok()??.extract().ok()?;
        Some(Listed {
            name,
            diamonds,
            image_url,
        })
    };
    let mut sealer = Sealer {
        py,
        header,
        first_sequence,
        received: PyFloat::new(py, received),
        delivery,
        catalogue: &catalogue,
        typed,
        cached_users,
        entries: PyList::empty(py),
        rest: PyList::empty(py),
        untyped: PyList::empty(py),
        fresh: RefCell::new(HashMap::new()),
    };
    if let Ok(body) = source.downcast::<PyBytes>() {
        let messages = fields(body.as_bytes()).filter_map(|(number, value)| match value {
            Value::Bytes(message) if number == MESSAGES => Some(message),
            _ => None,
        });
        for (index, message) in messages.enumerate() {
            let (method, payload) = fetched_message(message);
            let method = std::str::from_utf8(method)?;
            sealer.message(index, method, payload, None, || {
                PyBytes::new(py, payload).into_any()
            })?;
        }
    } else {
        let (method_name, payload_name) = (intern!(py, "method"), intern!(py, "payload"));
        for (index, message) in source.try_iter()?.enumerate() {
            let message = message?;
            let method = message.getattr(method_name)?;
            let payload = message.getattr(payload_name)?;
            match (method.downcast::<PyString>(), payload.downcast::<PyBytes>()) {
                (Ok(name), Ok(bytes)) => {
                    sealer.message(index, name.to_str()?, bytes.as_bytes(), Some(name), || {
                        payload.clone()
                    })?
                }
                _ => {
                    // Not what a fetch result holds: the Python decoder decides.
                    sealer.rest.append(index)?;
                    sealer.entries.append((method, payload))?;
                }
            }
        }
    }
    let users = PyList::empty(py);
    for (raw, converted) in sealer.fresh.into_inner() {
        users.append((PyBytes::new(py, &raw), PyBytes::new(py, &converted)))?;
    }
    Ok((sealer.entries, users, sealer.rest, sealer.untyped))
}
