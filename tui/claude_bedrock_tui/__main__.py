from claude_bedrock_tui.cli.main import main

raise SystemExit(main())
