"""Browsers' way in: tokgate's services over Connect and gRPC-Web (``web_listen``)."""
