"""The public 在线访谈 column: only what the public may see (published interviews, approved plans)."""
