"""Values to a validated Dataset, or every diagnostic: rules, quote anchors, the runner with its cache and second core."""
