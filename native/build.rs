//! TikTok's webcast schema (protos/webcast, the one tokgate's Python stubs come from) compiled
//! with protox into the tables the decoder checks payloads against: each message's fields, by
//! number, with what each holds (src/schema.rs reads them).

use prost_types::field_descriptor_proto::Type;
use prost_types::DescriptorProto;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Messages by full name (".webcast.v1alpha.Outer.Inner"), nested ones included.
fn collect<'a>(
    prefix: &str,
    messages: &'a [DescriptorProto],
    out: &mut Vec<(String, &'a DescriptorProto)>,
) {
    for message in messages {
        let name = format!("{prefix}.{}", message.name());
        collect(&name, &message.nested_type, out);
        out.push((name, message));
    }
}

/// Field numbers looked up directly (TikTok's messages number most fields below it).
const DIRECT_NUMBERS: i32 = 128;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../protos");
    let proto = root.join("webcast/v1alpha/webcast.proto");
    println!("cargo:rerun-if-changed={}", proto.display());
    let descriptors = protox::compile([&proto], [&root]).expect("protos/webcast compiles");
    let mut messages = Vec::new();
    for file in &descriptors.file {
        collect(
            &format!(".{}", file.package()),
            &file.message_type,
            &mut messages,
        );
    }
    let index: HashMap<&str, usize> = messages
        .iter()
        .enumerate()
        .map(|(at, (name, _))| (name.as_str(), at))
        .collect();
    let mut out = String::from("pub static MESSAGES: &[&[Field]] = &[\n");
    // Each message's fields by number below DIRECT_NUMBERS: 1 + their place in MESSAGES (0: none).
    let mut direct = String::from("pub static DIRECT: &[&[u8]] = &[\n");
    for (name, message) in &messages {
        let mut fields: Vec<_> = message.field.iter().collect();
        fields.sort_by_key(|field| field.number());
        let below = fields
            .iter()
            .map(|f| f.number() + 1)
            .max()
            .unwrap_or(0)
            .min(DIRECT_NUMBERS);
        let mut places = vec![0usize; below as usize];
        for (place, field) in fields.iter().enumerate() {
            if field.number() < below {
                places[field.number() as usize] = place + 1;
            }
        }
        writeln!(direct, "    &{places:?},").unwrap();
        writeln!(out, "    // {name}\n    &[").unwrap();
        for field in fields {
            let kind = match field.r#type() {
                Type::Double | Type::Fixed64 | Type::Sfixed64 => "Kind::Fixed64".to_string(),
                Type::Float | Type::Fixed32 | Type::Sfixed32 => "Kind::Fixed32".to_string(),
                Type::String => "Kind::String".to_string(),
                Type::Bytes => "Kind::Bytes".to_string(),
                Type::Message => format!("Kind::Message({})", index[field.type_name()]),
                Type::Group => panic!("{name}: a proto3 schema has no groups"),
                _ => "Kind::Varint".to_string(),
            };
            let repeated = field.label() == prost_types::field_descriptor_proto::Label::Repeated;
            writeln!(
                out,
                "        Field {{ number: {}, kind: {kind}, repeated: {repeated} }},",
                field.number()
            )
            .unwrap();
        }
        out.push_str("    ],\n");
    }
    out.push_str("];\n");
    out.push_str(&direct);
    out.push_str("];\n");
    for (constant, message) in [
        ("CHAT", "WebcastChatMessage"),
        ("GIFT", "WebcastGiftMessage"),
        ("LIKE", "WebcastLikeMessage"),
        ("MEMBER", "WebcastMemberMessage"),
        ("SOCIAL", "WebcastSocialMessage"),
        ("EMOTE_CHAT", "WebcastEmoteChatMessage"),
        ("ROOM_USER_SEQ", "WebcastRoomUserSeqMessage"),
        ("CAPTION", "WebcastCaptionMessage"),
        ("RANK_UPDATE", "WebcastRankUpdateMessage"),
        ("SUB_NOTIFY", "WebcastSubNotifyMessage"),
        // A message of `common` alone: the header of a payload of any type (decode._HEADER).
        ("HEADER", "WebcastInRoomBannerMessage"),
        ("USER", "User"),
    ] {
        let at = index[format!(".webcast.v1alpha.{message}").as_str()];
        writeln!(out, "pub const {constant}: usize = {at};").unwrap();
    }
    // TikTok's enums whose value names travel without their prefix, by number: BadgeSceneType
    // as webcast_user._SCENE_NAMES names it, the others as webcast_events._names does (each
    // prefix replaced wherever it occurs, in order; a number named twice keeps its last name).
    for (constant, enum_name, prefixes) in [
        ("SCENE_NAMES", "BadgeSceneType", &["BADGE_SCENE_TYPE_"][..]),
        (
            "RANK_TYPE_NAMES",
            "ProfitRankType",
            &["PROFIT_RANK_TYPE_TYPE_", "PROFIT_RANK_TYPE_"][..],
        ),
        ("NOTICE_TYPE_NAMES", "MessageType", &["MESSAGE_TYPE_"][..]),
    ] {
        let found = descriptors
            .file
            .iter()
            .flat_map(|file| &file.enum_type)
            .find(|e| e.name() == enum_name)
            .expect(enum_name);
        let mut names = std::collections::BTreeMap::new();
        for value in &found.value {
            let mut short = value.name().to_string();
            for prefix in prefixes {
                short = short.replace(prefix, "");
            }
            names.insert(value.number(), short);
        }
        writeln!(out, "pub static {constant}: &[(i32, &str)] = &[").unwrap();
        for (number, name) in names {
            writeln!(out, "    ({number}, {name:?}),").unwrap();
        }
        out.push_str("];\n");
    }
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("tables.rs");
    std::fs::write(path, out).unwrap();
}
