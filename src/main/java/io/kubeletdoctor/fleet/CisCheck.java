package io.kubeletdoctor.fleet;

/**
 * One CIS Kubernetes Benchmark kubelet recommendation, answered from the kubelet's live
 * configuration ({@code /configz}) rather than from files on the node.
 * @param id the recommendation's number in {@code benchmark}
 * @param result PASS, FAIL, or UNKNOWN when the configuration could not be read
 */
public record CisCheck(String id, String benchmark, String title, Result result, String detail) {

	public enum Result {

		PASS, FAIL, UNKNOWN

	}

}
