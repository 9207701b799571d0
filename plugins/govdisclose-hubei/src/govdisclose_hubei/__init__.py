"""govdisclose plugin for the Hubei provincial variant of the 2019 format."""
