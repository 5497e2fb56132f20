//! A frame's messages numbered and sealed in one call (server/tokgate/live/ingest.py).

use crate::messages::{other, read_message, Decoded, Listed, MEMBER_TO_EVENT_TYPE};
use crate::wire::{put_message, put_tag, put_varint, LENGTH_DELIMITED, VARINT};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyFrozenSet, PyList, PyString};
use std::collections::HashSet;

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

/// One frame's messages (objects with `method` and `payload`, in order) numbered from
/// `first_sequence` and sealed under the log's `header`, in one call, gifts completed from
/// `gifts` (the room's catalogue: gift id to `(name, diamonds, image URL)`, or None).
/// A message of the compiled types is decoded here; one of a type no decoder types (not in
/// `typed`, the Python decoder's types) is sealed as OTHER; the rest is left to Python.
/// Answers `(entries, users, rest, untyped)`. `entries` holds one item a message: what
/// `delivery(sequence, event_type, wire, received)` made of a sealed one, or `(method, payload)`
/// for one left to Python, whose places are `rest`, in order. `users`: each user of the sealed
/// messages once, `(bytes as sent, LiveUser bytes)`, for the room's UserCache. `untyped`: the
/// place and type name of each message sealed as OTHER here, for the room's counters.
#[pyfunction]
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
pub(crate) fn seal_frame<'py>(
    py: Python<'py>,
    messages: &Bound<'py, PyAny>,
    header: &[u8],
    first_sequence: u64,
    received: f64,
    delivery: &Bound<'py, PyAny>,
    gifts: Option<&Bound<'py, PyDict>>,
    typed: &Bound<'py, PyFrozenSet>,
) -> PyResult<(
    Bound<'py, PyList>,
    Bound<'py, PyList>,
    Bound<'py, PyList>,
    Bound<'py, PyList>,
)> {
    let entries = PyList::empty(py);
    let users = PyList::empty(py);
    let rest = PyList::empty(py);
    let untyped = PyList::empty(py);
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
        let method = message.getattr(method_name)?;
        let payload = message.getattr(payload_name)?;
        let read = match (method.downcast::<PyString>(), payload.downcast::<PyBytes>()) {
            (Ok(name), Ok(bytes)) => {
                let (name, bytes) = (name.to_str()?, bytes.as_bytes());
                match read_message(name, bytes, &catalogue) {
                    None if !typed.contains(&method)? => {
                        let other = other(name, bytes);
                        if other.is_some() {
                            untyped.append((index, &method))?;
                        }
                        other
                    }
                    decoded => decoded,
                }
            }
            _ => None,
        };
        let Some(decoded) = read else {
            rest.append(index)?;
            entries.append((method, payload))?;
            continue;
        };
        let sequence = first_sequence + index as u64;
        if let Some((raw_user, converted)) = &decoded.user {
            if !seen.contains(*raw_user) {
                seen.insert(raw_user.to_vec());
                users.append((PyBytes::new(py, raw_user), PyBytes::new(py, converted)))?;
            }
        }
        let (wire, start) = sealed(header, sequence, &decoded);
        entries.append(delivery.call1((
            sequence,
            decoded.member - MEMBER_TO_EVENT_TYPE,
            PyBytes::new(py, &wire[start..]),
            &received,
        ))?)?;
    }
    Ok((entries, users, rest, untyped))
}
