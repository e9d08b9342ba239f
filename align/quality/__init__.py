"""How faithful an aligned bead is (fidelity score and flags), and reference metrics."""
