"""Generated from protos/webcast (derived from TikTokLiveProto) by `make protos`. Do not edit."""
