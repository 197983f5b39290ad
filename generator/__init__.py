"""Arabic briefing-site generator: raw news scrapes in, a searchable RTL MkDocs site out."""
