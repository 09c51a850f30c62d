package io.kubeletdoctor.report;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Builds report permalinks: from {@code kubelet-doctor.public-url} when set (what chat users can
 * reach), otherwise from the current request, otherwise relative.
 */
@Component
public class ReportLinks {

	private final String publicUrl;

	public ReportLinks(PublicUrlProperties properties) {
		this.publicUrl = StringUtils.trimTrailingCharacter(properties.publicUrl().trim(), '/');
	}

	public Report.Links of(String reportId) {
		String base = base();
		return new Report.Links(base + "/reports/" + reportId, base + "/api/v1/reports/" + reportId);
	}

	private String base() {
		if (StringUtils.hasText(this.publicUrl)) {
			return this.publicUrl;
		}
		if (RequestContextHolder.getRequestAttributes() != null) {
			return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		}
		return "";
	}

}
