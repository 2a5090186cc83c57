export * from "./enums";
export * from "./regions";
export * from "./users";
export * from "./audit";
export * from "./registry";
export * from "./settlement";
export * from "./enrolment";
export * from "./cases";
