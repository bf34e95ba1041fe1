"""The finance bureau's side (财政局): the reviewer's inbox, the region dashboard, deadlines, the
administration of department accounts, and what the public may see (公开)."""
