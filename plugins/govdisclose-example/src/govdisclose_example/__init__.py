"""A minimal govdisclose plugin, the one docs/plugins.md builds from an empty folder."""
