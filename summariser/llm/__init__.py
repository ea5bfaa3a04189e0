"""Model access: any OpenAI-compatible endpoint, or the embedded model in process."""
