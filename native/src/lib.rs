//! tokgate's compiled decoder for the frequent webcast messages: comments, gifts, likes, joins,
//! social messages (follows, shares), viewer counts and emote chats, about nine in ten of a busy
//! room's messages, and some rarer ones: captions, rank updates and subscription notices
//! (subscriptions and other notices).
//!
//! `decode` turns a payload straight into the serialized contract `LiveEvent` (its oneof member,
//! as `LiveEvent.SerializeToString()` writes it), byte for byte what tokgate's Python decoder
//! (server/tokgate/live/decode.py) makes of it. It is at least as strict: the payload is checked
//! against the whole webcast schema (schema.rs, from protos/webcast), then read in place, without
//! a copy; anything it does not read exactly as the Python decoder would (a payload that does not
//! parse, a submessage sent twice, a badge level that is not an ASCII number...) returns None,
//! and the Python decoder decides.

mod frame;
mod messages;
mod schema;
mod user;
mod wire;

use messages::{read_message, MEMBER_TO_EVENT_TYPE};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use schema::valid;
use user::live_user;
use wire::put_message;

/// A webcast message (TikTok's type name and payload) as `(event_type, LiveEvent bytes,
/// created_ms, user)`, `user` being `(bytes as sent, LiveUser bytes)` or None (a message
/// without one: a viewer count, a caption, a rank update, a subscription notice without a user);
/// None when this decoder leaves the message to the Python one.
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
    Option<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)>,
)> {
    let decoded = read_message(method, payload, &|_| None, &|_| None)?;
    let mut event = Vec::with_capacity(decoded.body.len() + 4);
    put_message(&mut event, decoded.member, &decoded.body);
    Some((
        decoded.member - MEMBER_TO_EVENT_TYPE,
        PyBytes::new(py, &event),
        decoded.created_ms,
        decoded
            .user
            .map(|(raw, converted)| (PyBytes::new(py, raw), PyBytes::new(py, &converted))),
    ))
}

/// TikTok's `User` bytes as LiveUser bytes (webcast_user.convert_user, merged); None when the
/// Python conversion is to decide.
#[pyfunction]
fn convert_user<'py>(py: Python<'py>, raw_user: &[u8]) -> Option<Bound<'py, PyBytes>> {
    // Checked as a message's user is (one level down), as the room's UserCache keeps it.
    if !valid(raw_user, schema::USER, 1) {
        return None;
    }
    let mut converted = Vec::with_capacity(256);
    live_user(raw_user)?.write(&mut converted);
    Some(PyBytes::new(py, &converted))
}

/// The webcast message types `decode` reads.
#[pyfunction]
fn methods() -> Vec<&'static str> {
    messages::methods()
}

#[pymodule]
fn tokgate_native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(decode, module)?)?;
    module.add_function(wrap_pyfunction!(frame::seal_frame, module)?)?;
    module.add_function(wrap_pyfunction!(methods, module)?)?;
    module.add_function(wrap_pyfunction!(convert_user, module)?)?;
    Ok(())
}
