"""Generated from protos/tokgate/v1 by `make protos`. Do not edit."""
