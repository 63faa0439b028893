console.error('infra-bot: not wired yet');
