package io.kubeletdoctor.fleet.web;

import java.util.Locale;

import io.kubeletdoctor.fleet.NodeScan;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the fleet page, as the report list has them: part of a node name, a cluster, and a
 * state. Blank means any; an unknown state is reported and ignored rather than failing the page.
 */
record FleetFilter(@Nullable String node, @Nullable String cluster, @Nullable State state) {

	enum State {

		EXPIRING("expires within 30 days"), CANNOT_ROTATE("cannot rotate"), UNREACHABLE("unreachable"),
		HEALTHY("healthy");

		private final String label;

		State(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

		public String value() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		static @Nullable State parse(@Nullable String value) {
			String text = FleetFilter.text(value);
			if (text == null) {
				return null;
			}
			for (State state : values()) {
				if (state.value().equalsIgnoreCase(text) || state.name().equalsIgnoreCase(text)) {
					return state;
				}
			}
			throw new IllegalArgumentException("Unknown state: choose expiring, cannot-rotate, unreachable or healthy");
		}

	}

	public boolean filtered() {
		return this.node != null || this.cluster != null || this.state != null;
	}

	boolean showsCluster(String name) {
		return this.cluster == null || this.cluster.equals(name);
	}

	boolean shows(NodeRow row) {
		if (this.node != null && !row.node().toLowerCase(Locale.ROOT).contains(this.node.toLowerCase(Locale.ROOT))) {
			return false;
		}
		if (this.state == null) {
			return true;
		}
		NodeScan scan = row.scan();
		return switch (this.state) {
			case EXPIRING -> row.expiresWithinDays(30);
			case CANNOT_ROTATE -> !scan.canRotate();
			case UNREACHABLE -> !scan.reachable();
			case HEALTHY -> scan.reachable() && scan.canRotate() && !row.expiresWithinDays(30);
		};
	}

	static @Nullable String text(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
