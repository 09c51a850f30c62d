package io.kubeletdoctor.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.report.Report;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterVerdictTests {

	@Test
	void noAffectedNodeMeansNoFault() {
		ClusterVerdict verdict = ClusterVerdict.of(Map.of(), 5);
		assertThat(verdict.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo(RootCauseCode.NO_FAULT_FOUND);
			assertThat(finding.summary()).contains("5 nodes");
		});
		assertThat(verdict.causes()).isEmpty();
	}

	@Test
	void sharedCauseKeepsItsConfidenceAndQuotesEachNode() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "Not checked (kubelet-logs): off",
				"client TTL +Inf on a"));
		nodes.put("b", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "client TTL +Inf on b"));
		Finding verdict = ClusterVerdict.of(nodes, 5).rootCause();
		assertThat(verdict.code()).isEqualTo(RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(verdict.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(verdict.title()).isEqualTo("All 2 nodes: CLIENT_CERT_EXPIRED");
		assertThat(verdict.evidence()).containsExactly("All 2 affected nodes: a, b", "a: client TTL +Inf on a",
				"b: client TTL +Inf on b");
	}

	@Test
	void aGroupIsAsSureAsItsLeastSureNode() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "TTL +Inf on a"));
		nodes.put("b", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.MEDIUM, "TTL +Inf on b"));
		ClusterVerdict verdict = ClusterVerdict.of(nodes, 2);
		assertThat(verdict.rootCause().confidence()).isEqualTo(Confidence.MEDIUM);
		assertThat(verdict.causes()).containsExactly(
				new Report.Cause("CLIENT_CERT_EXPIRED", Confidence.MEDIUM, List.of("a", "b")));
	}

	@Test
	void theLargestGroupHeadsWithItsOwnFixAndEveryGroupIsListed() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "TTL +Inf on a"));
		nodes.put("d", verdict(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM, "port refused on d"));
		nodes.put("b", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "TTL +Inf on b"));
		nodes.put("e", verdict(RootCauseCode.SERVING_CERT_EXPIRED, Confidence.HIGH, "serving expired on e"));
		nodes.put("c", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "TTL +Inf on c"));
		ClusterVerdict verdict = ClusterVerdict.of(nodes, 6);
		Finding headline = verdict.rootCause();
		assertThat(headline.code()).isEqualTo(RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(headline.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(headline.title()).isEqualTo("3 of 5 nodes: CLIENT_CERT_EXPIRED");
		assertThat(headline.summary()).startsWith("3 of 5 affected nodes share this cause.")
			.doesNotContain("several causes");
		assertThat(headline.remediation()).extracting(Remediation::title).containsExactly("fix CLIENT_CERT_EXPIRED");
		assertThat(verdict.otherCauses()).extracting(Finding::code)
			.containsExactly(RootCauseCode.SERVING_CERT_EXPIRED, RootCauseCode.KUBELET_NOT_RUNNING);
		assertThat(verdict.otherCauses().get(1).remediation()).extracting(Remediation::title)
			.containsExactly("fix KUBELET_NOT_RUNNING");
		assertThat(verdict.causes()).containsExactly(
				new Report.Cause("CLIENT_CERT_EXPIRED", Confidence.HIGH, List.of("a", "b", "c")),
				new Report.Cause("SERVING_CERT_EXPIRED", Confidence.HIGH, List.of("e")),
				new Report.Cause("KUBELET_NOT_RUNNING", Confidence.MEDIUM, List.of("d")));
	}

	@Test
	void withoutAMajorityTheVerdictSaysSeveralCausesAndIsLessSure() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "TTL +Inf on a"));
		nodes.put("b", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "TTL +Inf on b"));
		nodes.put("c", verdict(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM, "port refused on c"));
		nodes.put("d", verdict(RootCauseCode.CA_MISMATCH, Confidence.HIGH, "unknown authority on d"));
		ClusterVerdict verdict = ClusterVerdict.of(nodes, 4);
		Finding headline = verdict.rootCause();
		assertThat(headline.code()).isEqualTo(RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(headline.confidence()).isEqualTo(Confidence.MEDIUM);
		assertThat(headline.title()).startsWith("Several causes").contains("2 of 4 nodes");
		assertThat(headline.summary()).contains("several causes");
		assertThat(verdict.otherCauses()).extracting(Finding::confidence)
			.containsExactly(Confidence.MEDIUM, Confidence.LOW);
		// the group itself is as sure as its nodes: only its claim on the whole cluster is weaker
		assertThat(verdict.causes().get(0).confidence()).isEqualTo(Confidence.HIGH);
	}

	@Test
	void aMajorityGroupKeepsItsConfidence() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM, "port refused on a"));
		nodes.put("b", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "TTL +Inf on b"));
		nodes.put("c", verdict(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM, "port refused on c"));
		List<Finding> findings = ClusterVerdict.of(nodes, 3).findings();
		assertThat(findings).extracting(Finding::code)
			.containsExactly(RootCauseCode.KUBELET_NOT_RUNNING, RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(findings).extracting(Finding::confidence).containsExactly(Confidence.MEDIUM, Confidence.MEDIUM);
		assertThat(findings.get(0).evidence().get(0)).isEqualTo("2 of 3 affected nodes: a, c");
	}

	@Test
	void causesSharedByAsManyNodesRankInTheOrderOfTheirCodes() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM, "port refused on a"));
		nodes.put("b", verdict(RootCauseCode.CA_EXPIRED, Confidence.HIGH, "CA expired"));
		ClusterVerdict verdict = ClusterVerdict.of(nodes, 2);
		assertThat(verdict.findings()).extracting(Finding::code)
			.containsExactly(RootCauseCode.CA_EXPIRED, RootCauseCode.KUBELET_NOT_RUNNING);
		assertThat(verdict.causes()).extracting(Report.Cause::code)
			.containsExactly("CA_EXPIRED", "KUBELET_NOT_RUNNING");
	}

	private static Finding verdict(RootCauseCode code, Confidence confidence, String... evidence) {
		return new Finding(code, code.name(), confidence, "summary", List.of(evidence), "refuted",
				List.of(new Remediation("fix " + code.name(), List.of("run " + code.name()))));
	}

}
