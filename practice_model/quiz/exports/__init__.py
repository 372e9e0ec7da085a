"""One module per output format. Each takes the quiz being written and returns files to write."""
