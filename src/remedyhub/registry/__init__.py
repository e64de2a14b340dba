"""The supply-chain registry: companies, facilities, who sources where, and sector agreements."""
