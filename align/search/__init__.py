"""Finding the alignment: band, bead costs, dynamic programming, run-on refinement."""
