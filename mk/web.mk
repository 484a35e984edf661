# Web assets from the npm registry and Debian's chromium for the browser tests.
# Included by the main Makefile; also usable alone: `make -f mk/web.mk assets`.
WEB_VENDOR   := src/junheng/web/static/vendor
NODE_STAMP   := node_modules/.package-lock.json
VENDOR_FILES := \
	node_modules/htmx.org/dist/htmx.min.js \
	node_modules/echarts/dist/echarts.min.js \
	node_modules/leaflet/dist/leaflet.js \
	node_modules/leaflet/dist/leaflet.css
VENDOR_STAMP := $(WEB_VENDOR)/.stamp

.PHONY: assets browser office

assets: $(VENDOR_STAMP)

# npm ci rewrites node_modules/.package-lock.json, so it is newer than the lock file after a
# clean install; a changed lock file (or package.json) makes it stale and triggers a new one.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(VENDOR_STAMP): $(NODE_STAMP)
	mkdir -p $(WEB_VENDOR)
	cp $(VENDOR_FILES) $(WEB_VENDOR)/
	mkdir -p $(WEB_VENDOR)/images
	cp node_modules/leaflet/dist/images/*.png $(WEB_VENDOR)/images/
	touch $(VENDOR_STAMP)

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "安装 Debian chromium（浏览器测试用）"; \
		apt-get update -qq >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@/usr/bin/chromium --version

# LibreOffice Writer turns the 自评报告 into PDF (optional for users: without it the DOCX alone
# is written, and said so); CI installs it so the report's page-count test runs.
office:
	@if ! command -v soffice >/dev/null; then \
		echo "安装 LibreOffice Writer（自评报告转 PDF、页数测试用）"; \
		apt-get update -qq >/dev/null && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			libreoffice-writer-nogui >/dev/null; \
	fi
	@soffice --version

# The app serves the vendored files, so whatever runs it needs them first; CI also needs the
# browser for the Playwright tests (.ci/run runs `make test` with CI=true).
test demo bench: assets
ifeq ($(CI),true)
test: browser office
endif
