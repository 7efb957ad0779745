//! AWS PrivateLink constructs.
