// The codegen pipeline: Load → Validate → Plan → Render, one folder per stage.
