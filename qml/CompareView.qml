// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// Pinned runs stacked on one shared time axis, each with its total and ideal.
Item {
    id: root
    property AppController controller
    property string theme: "light"
    readonly property real chartWidth: scroll.availableWidth

    Rectangle { // the charts' background below them too
        anchors.fill: parent
        color: root.theme === "dark" ? "#161b22" : "#ffffff"
    }

    Label {
        anchors.centerIn: parent
        visible: root.controller.pins.count === 0
        width: parent.width * 0.7
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        color: palette.placeholderText
        text: qsTr("Nothing pinned yet.\nRun an experiment and pin it (Ctrl+P), then run another and pin it too: "
              + "they appear here on one time axis — e.g. http-blocking-x2 above http-async-x2.")
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            width: scroll.availableWidth
            spacing: 0
            Repeater {
                model: root.controller.pins.runs
                delegate: Item {
                    id: entry
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    Layout.preferredHeight: chart.preferredHeight
                    GanttItem {
                        id: chart
                        objectName: "pinnedChart"
                        anchors.fill: parent
                        run: entry.modelData
                        theme: root.theme
                        axisEndSeconds: root.controller.pins.endSeconds
                        labelWidth: root.controller.pins.labelWidth // one column: the axes line up
                        footer: false
                        blame: root.controller.chartOptions.blame
                        states: root.controller.chartOptions.states
                        ideal: root.controller.chartOptions.ideal
                        scrollable: scroll.contentHeight > scroll.availableHeight + 1
                        onWheelScroll: pixels => {
                            const view = scroll.contentItem // the ScrollView's Flickable
                            view.contentY = Math.max(0, Math.min(view.contentHeight - view.height, view.contentY - pixels))
                        }
                    }
                    ToolButton {
                        anchors.top: parent.top
                        anchors.right: parent.right
                        anchors.margins: 6
                        text: "✕"
                        onClicked: root.controller.pins.unpin(entry.index)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Unpin")
                    }
                    Text {
                        id: hoverMeasure
                        visible: false
                        text: chart.hoverText
                        font: hoverTip.font
                        textFormat: Text.PlainText
                    }
                    ToolTip {
                        id: hoverTip
                        parent: chart
                        visible: chart.hoverText !== ""
                        text: chart.hoverText
                        width: Math.min(hoverMeasure.implicitWidth + leftPadding + rightPadding + 2, 560)
                        x: Math.min(chart.hoverPos.x + 14, chart.width - width - 4)
                        // Below the pointer, or above it where the view ends: never under it.
                        readonly property real viewBottom: scroll.contentItem.contentY + scroll.contentItem.height - entry.y
                        y: chart.hoverPos.y + 18 + height <= viewBottom
                           || chart.hoverPos.y - (viewBottom - scroll.contentItem.height) < viewBottom - chart.hoverPos.y
                           ? chart.hoverPos.y + 18 : chart.hoverPos.y - height - 8
                        delay: 0
                        timeout: -1
                    }
                }
            }
        }
    }
}
