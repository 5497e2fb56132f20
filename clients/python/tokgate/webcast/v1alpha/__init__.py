"""Generated from protos/webcast/v1alpha (derived from TikTokLiveProto, unstable) by `make protos`. Do not edit."""
