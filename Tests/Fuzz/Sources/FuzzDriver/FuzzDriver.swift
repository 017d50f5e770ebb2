import Foundation

/// libFuzzer's entry for programs with a `main` of their own. SwiftPM renames an executable's `main` in debug
/// builds (so tests can import it), which libFuzzer's own `main` cannot coexist with; calling the driver from our
/// `main` works in every configuration.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments, calling `test` once per input, and exits with its status.
///
/// ```swift
/// fuzz { bytes, count in check(UnsafeBufferPointer(start: bytes, count: count)); return 0 }
/// ```
public func fuzz(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}
