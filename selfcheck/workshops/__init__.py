"""Workshop mode for municipalities: tables, forms, views, the pack PDF and the join QR code."""
