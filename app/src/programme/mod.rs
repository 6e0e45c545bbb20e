//! The Social Services Programme (PUS) as executable configuration. Its fee rules (element 7
//! of art. 5 ust. 3) are computed here, exactly, in grosze.

pub mod fees;
