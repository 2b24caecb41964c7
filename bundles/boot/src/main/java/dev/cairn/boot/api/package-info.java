/** Boot's service API: sandboxes built from specs, kept running across bundle changes. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.cairn.boot.api;
